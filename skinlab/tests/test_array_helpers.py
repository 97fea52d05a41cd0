# mypy: disable-error-code="no-untyped-def"
"""The two array helpers that replace slow numpy idioms give exactly what those idioms give."""

import numpy as np
import pytest

from skinlab._types import channel_max, pixels


@pytest.fixture
def image():
    return np.random.default_rng(7).random((48, 64, 3)).astype(np.float32)


def test_channel_max_is_the_max_over_the_channels(image):
    np.testing.assert_array_equal(channel_max(image), image.max(axis=-1))
    rows = (image.reshape(-1, 3) * 255).astype(np.uint8)
    np.testing.assert_array_equal(channel_max(rows), rows.max(axis=1))


def test_pixels_are_the_masked_rows_in_order(image):
    mask = image[..., 0] > 0.5
    np.testing.assert_array_equal(pixels(image, mask), image[mask])
    rows = image.reshape(-1, 3)
    keep = rows[:, 1] < 0.3
    np.testing.assert_array_equal(pixels(rows, keep), rows[keep])
    # a view that is not contiguous (a subsampled image) gives the same rows too
    small = image[::3, ::2]
    np.testing.assert_array_equal(pixels(small, small[..., 2] > 0.2), small[small[..., 2] > 0.2])


def test_a_mask_of_another_shape_is_an_error_not_a_quiet_cut(image):
    with pytest.raises(IndexError):
        pixels(image, np.ones((48, 63), bool))
    with pytest.raises(IndexError):
        pixels(image.reshape(-1, 3), np.ones(10, bool))
