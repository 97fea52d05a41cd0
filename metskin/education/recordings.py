"""Video recordings for /learn/: encode, probe and transcode with the ffmpeg in imageio-ffmpeg.

No Django here: ``scripts/make_education_videos.py`` uses it to encode the videos MetSkin
draws itself, and the worker to transcode what staff upload (docs/adr/0020).

Every recording is offered in two web formats, because no single one plays everywhere:
WebM (VP9, what open-source browser builds play) and MP4 (H.264, what Safari and iOS play),
with a JPEG poster. The ffmpeg binary ships inside the imageio-ffmpeg wheel, so no system
package is needed and nothing is downloaded at run time.

An upload is untrusted input to ffmpeg. ffmpeg may only open local files
(``protocol_whitelist``) and only with the container demuxers a camera or editor writes
(``format_whitelist``): a playlist or concat file that names other files or URLs is refused
before it is read. Every run has a time limit.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import imageio_ffmpeg

# MP4/MOV/3GP, Matroska/WebM and AVI: what cameras, phones and video editors write.
INPUT_DEMUXERS = "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,avi"
_SAFE_INPUT = ["-protocol_whitelist", "file,pipe", "-format_whitelist", INPUT_DEMUXERS]
_QUIET = ["-hide_banner", "-nostdin", "-loglevel", "error"]
# Metadata (GPS, device, dates, chapters, subtitles) is never copied to what visitors load.
_STRIP = ["-map_metadata", "-1", "-map_chapters", "-1", "-sn", "-dn"]
H264 = ["-c:v", "libx264", "-preset", "veryfast", "-crf", "26", "-pix_fmt", "yuv420p",
        "-movflags", "+faststart"]  # fmt: skip
VP9 = ["-c:v", "libvpx-vp9", "-b:v", "0", "-crf", "38", "-deadline", "good", "-cpu-used", "4",
       "-row-mt", "1", "-pix_fmt", "yuv420p"]  # fmt: skip
MP4_AUDIO = ["-c:a", "aac", "-b:a", "96k"]
WEBM_AUDIO = ["-c:a", "libopus", "-b:a", "64k"]

_DURATION = re.compile(r"Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)")
_VIDEO_STREAM = re.compile(r"Stream #\d+:\d+.*?: Video: (\w+).*?, (\d{1,5})x(\d{1,5})")
_AUDIO_STREAM = re.compile(r"Stream #\d+:\d+.*?: Audio: (\w+)")


class RecordingError(Exception):
    """The file cannot be made into a web video; the message is for the staff member."""


@dataclass(frozen=True)
class Probe:
    duration_s: float
    video_codec: str
    width: int
    height: int
    audio_codec: str | None


@dataclass(frozen=True)
class Transcoded:
    mp4: Path
    webm: Path
    poster: Path
    probe: Probe


def ffmpeg_exe() -> str:
    return imageio_ffmpeg.get_ffmpeg_exe()


def _run(args: list[str], *, timeout: float, stdin: int | None = None) -> str:
    """Run ffmpeg; return its stderr. Raises RecordingError on failure or when over time."""
    try:
        done = subprocess.run(  # noqa: S603 (our own binary, arguments never through a shell)
            [ffmpeg_exe(), *args],
            capture_output=True,
            timeout=timeout,
            check=False,
            stdin=stdin if stdin is not None else subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired as exc:
        raise RecordingError(
            f"Converting the video took longer than {timeout:.0f} s and was stopped. "
            "Upload a shorter or smaller file."
        ) from exc
    stderr = done.stderr.decode("utf-8", "replace")
    if done.returncode != 0:
        raise RecordingError(_explain(stderr))
    return stderr


def _explain(stderr: str) -> str:
    """A message for staff from ffmpeg's output (its last line names the problem)."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    detail = lines[-1][:200] if lines else "no detail"
    if "not on whitelist" in stderr or "Invalid data found" in stderr:
        return (
            "This file is not a video MetSkin can read. Upload an MP4, MOV, WebM or AVI "
            f"file (ffmpeg said: {detail})."
        )
    return f"The video could not be converted (ffmpeg said: {detail})."


def probe(path: Path, *, timeout: float = 30) -> Probe:
    """Duration, video codec and size of the file at ``path`` (read by ffmpeg itself)."""
    try:
        done = subprocess.run(  # noqa: S603
            [ffmpeg_exe(), "-hide_banner", "-nostdin", *_SAFE_INPUT, "-i", str(path)],
            capture_output=True,
            timeout=timeout,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired as exc:
        raise RecordingError("Reading the video took too long.") from exc
    # With no output file ffmpeg always exits 1; the facts are in what it printed.
    text = done.stderr.decode("utf-8", "replace")
    duration = _DURATION.search(text)
    video = _VIDEO_STREAM.search(text)
    if duration is None or video is None:
        raise RecordingError(_explain(text) if "Input #0" not in text else (
            "This file holds no video stream MetSkin can read."))  # fmt: skip
    hours, minutes, seconds = duration.groups()
    audio = _AUDIO_STREAM.search(text)
    return Probe(
        duration_s=int(hours) * 3600 + int(minutes) * 60 + float(seconds),
        video_codec=video.group(1),
        width=int(video.group(2)),
        height=int(video.group(3)),
        audio_codec=audio.group(1) if audio else None,
    )


def _fit(long_side: int) -> str:
    """Scale down (never up) to ``long_side`` on the longer side, even dimensions."""
    return (
        f"scale='if(gte(iw,ih),min({long_side},iw),-2)':'if(gte(iw,ih),-2,min({long_side},ih))',"
        "scale=trunc(iw/2)*2:trunc(ih/2)*2"
    )


def transcode(
    source: Path,
    out_dir: Path,
    *,
    long_side: int = 1280,
    max_seconds: float = 600,
    timeout: float = 300,
) -> Transcoded:
    """Make ``video.mp4``, ``video.webm`` and ``poster.jpg`` in ``out_dir`` from ``source``.

    Raises RecordingError (with a message for staff) when the source is not a readable
    video, is longer than ``max_seconds``, or a step runs over ``timeout`` seconds.
    """
    facts = probe(source)
    if facts.duration_s <= 0:
        raise RecordingError("This video has no length; upload another file.")
    if facts.duration_s > max_seconds:
        raise RecordingError(
            f"This video lasts {facts.duration_s:.0f} s; the limit is {max_seconds:.0f} s."
        )
    source_args = [*_QUIET, *_SAFE_INPUT, "-i", str(source), "-map", "0:v:0", "-map", "0:a:0?"]
    common = [*_STRIP, "-vf", _fit(long_side), "-t", str(max_seconds)]
    mp4, webm, poster = out_dir / "video.mp4", out_dir / "video.webm", out_dir / "poster.jpg"
    _run([*source_args, *common, *H264, *MP4_AUDIO, "-y", str(mp4)], timeout=timeout)
    _run([*source_args, *common, *VP9, *WEBM_AUDIO, "-y", str(webm)], timeout=timeout)
    result = probe(mp4)
    # The poster is taken from our own output (already decoded once), a second in.
    at = f"{min(1.0, result.duration_s / 2):.2f}"
    _run(
        [*_QUIET, "-ss", at, "-i", str(mp4), "-frames:v", "1", "-q:v", "3", "-y", str(poster)],
        timeout=60,
    )
    if not poster.is_file() or poster.stat().st_size == 0:
        raise RecordingError("No poster image could be taken from this video.")
    return Transcoded(mp4=mp4, webm=webm, poster=poster, probe=result)


def encode_frames(
    frames: Iterable[bytes],
    *,
    size: tuple[int, int],
    fps: int,
    mp4: Path,
    webm: Path,
    timeout: float = 600,
) -> None:
    """Encode raw RGB24 frames (``size`` = width, height) to an MP4 and a WebM at once.

    One ffmpeg process writes both outputs; single-threaded so the same frames always make
    the same bytes.
    """
    width, height = size
    args = [
        ffmpeg_exe(), *_QUIET, "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{width}x{height}",
        "-r", str(fps), "-i", "-", *_STRIP, "-threads", "1",
        *H264, "-tune", "animation", "-y", str(mp4),
        *_STRIP, "-threads", "1", *VP9, "-y", str(webm),
    ]  # fmt: skip
    process = subprocess.Popen(  # noqa: S603
        args, stdin=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdin is not None
    try:
        for frame in frames:
            process.stdin.write(frame)
        stderr = process.communicate(timeout=timeout)[1]
    except BaseException:
        process.kill()
        process.wait()
        raise
    if process.returncode != 0:
        raise RecordingError(_explain(stderr.decode("utf-8", "replace")))
