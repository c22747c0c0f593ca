"""`write_text_atomic`: atomic replacement, permissions and line endings kept, symbolic links out of the spec's
folder refused."""

from __future__ import annotations

import os
import stat

import pytest

from analysis.plan.files import UnsafeWriteError, write_text_atomic


def test_creates_a_new_file_with_exact_text(tmp_path):
    target = tmp_path / "plan.md"
    written = write_text_atomic(target, "\ufeffa\r\nb\n")
    assert written == target.resolve()
    assert target.read_bytes() == b"\xef\xbb\xbfa\r\nb\n"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.md"]  # no temporary file left behind


def test_new_file_honours_the_umask(tmp_path):
    old = os.umask(0o027)
    try:
        write_text_atomic(tmp_path / "plan.md", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "plan.md").stat().st_mode) == 0o640


def test_replacing_keeps_permissions(tmp_path):
    target = tmp_path / "plan.md"
    target.write_text("old")
    os.chmod(target, 0o604)
    write_text_atomic(target, "new")
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o604


def test_symlink_inside_the_folder_is_followed_and_stays_a_link(tmp_path):
    real = tmp_path / "docs" / "real-plan.md"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "docs" / "plan.md"
    link.symlink_to(real.name)
    write_text_atomic(link, "new", allowed_folder=tmp_path / "docs")
    assert link.is_symlink() and real.read_text() == "new"


def test_symlink_out_of_the_spec_folder_is_refused(tmp_path):
    spec_folder = tmp_path / "specs" / "001"
    spec_folder.mkdir(parents=True)
    outside = tmp_path / "secret.md"
    outside.write_text("do not touch")
    link = spec_folder / "plan.md"
    link.symlink_to(outside)
    with pytest.raises(UnsafeWriteError, match="outside the spec's folder"):
        write_text_atomic(link, "overwritten")
    assert outside.read_text() == "do not touch" and link.is_symlink()


def test_refuses_to_replace_a_directory(tmp_path):
    (tmp_path / "plan.md").mkdir()
    with pytest.raises(UnsafeWriteError, match="not a regular file"):
        write_text_atomic(tmp_path / "plan.md", "x")


def test_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "plan.md"
    target.write_text("old")
    with pytest.raises(UnicodeEncodeError):
        write_text_atomic(target, "bad \ud800 surrogate")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.md"]
