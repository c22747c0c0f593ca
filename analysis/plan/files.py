"""Write plan.md safely: atomically (a temporary file in the same folder, then a rename), keeping the file's
permissions, and never through a symbolic link that leads out of the spec's folder.

A reader (an editor, CI, a second `specls plan --write`) sees either the old file or the new one, never half of
each. Text is written exactly as given (no newline translation), so CRLF files and byte order marks survive.
Depends only on the standard library; no pygls or lsprotocol.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

__all__ = ["UnsafeWriteError", "write_text_atomic"]


class UnsafeWriteError(OSError):
    """Writing would leave the allowed folder (through a symbolic link) or replace something that is not a file."""


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


def write_text_atomic(path: str | os.PathLike[str], text: str, *, allowed_folder: str | os.PathLike[str] | None = None) -> Path:
    """Replace `path` with `text` (UTF-8) atomically; returns the path of the file actually written.

    `allowed_folder` (default: the folder of `path`, i.e. the spec's folder for plan.md) bounds where the write
    may land once symbolic links are resolved: a link pointing inside it is followed (the link stays a link and its
    target is replaced); one pointing outside is refused with `UnsafeWriteError`.
    """
    path = Path(path)
    folder = Path(allowed_folder) if allowed_folder is not None else path.parent
    real_folder = folder.resolve()
    target = path.resolve()
    if not _inside(target.parent, real_folder):
        link = f"{path} is a symbolic link to {target}" if path.is_symlink() else f"{path} resolves to {target}"
        raise UnsafeWriteError(f"refusing to write: {link}, outside the spec's folder {real_folder}")
    try:
        current = target.stat()
    except FileNotFoundError:
        current = None
    if current is not None and not stat.S_ISREG(current.st_mode):
        raise UnsafeWriteError(f"refusing to write: {target} exists and is not a regular file")

    temporary = target.parent / f".{target.name}.{secrets.token_hex(6)}.tmp"
    # A new file gets the usual 0o666 minus the umask (os.open applies it); an existing one keeps its mode.
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if current is not None:
            os.chmod(temporary, stat.S_IMODE(current.st_mode))
        os.replace(temporary, target)
        _sync_folder(target.parent)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise
    return target


def _sync_folder(folder: Path) -> None:
    """Flush the rename itself to disk, so a crash right after a write cannot bring the old plan back."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:  # platforms without directory handles (Windows): the rename is still atomic
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
