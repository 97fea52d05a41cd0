"""Every environment variable the settings read is documented for operators.

The README's configuration table and `.env.example` are how people learn what they can set;
a setting added to ``config/`` without them is invisible. This reads the settings' source,
so a new ``env.int("X", ...)`` fails here until it is documented.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
ENV_READ = re.compile(
    r"""env(?:\.[a-z_]+)?\(\s*["']([A-Z][A-Z0-9_]+)["']|env_secret\(\s*["']([A-Z][A-Z0-9_]+)["']"""
)


def variables_read_by_settings() -> set[str]:
    names: set[str] = set()
    for path in (ROOT / "config").rglob("*.py"):
        for match in ENV_READ.finditer(path.read_text(encoding="utf-8")):
            names.add(match.group(1) or match.group(2))
    return names


def test_the_settings_read_environment_variables() -> None:
    # guards the scan itself: if the pattern stopped matching, the tests below would pass empty
    assert {
        "DATABASE_URL",
        "CELERY_BROKER_URL",
        "MEDIA_ENCRYPTION_KEY",
    } <= variables_read_by_settings()


@pytest.mark.parametrize("document", ["README.md", ".env.example"])
def test_every_variable_is_documented(document: str) -> None:
    text = (ROOT / document).read_text(encoding="utf-8")
    undocumented = sorted(
        name for name in variables_read_by_settings() if not re.search(rf"\b{name}\b", text)
    )
    assert undocumented == [], f"{document} does not mention {undocumented}"
