"""The command line under faults from outside (issue 14): nothing lost, nothing hung, one answer per command line."""

from __future__ import annotations

import io
import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from spasmfacts import cli
from spasmfacts.cli import export as export_module

SCRIPT = str(Path(sys.executable).with_name("spasmfacts"))
VALID = b'{"recurrent": true, "body_areas": ["leg"], "accompanied_by": []}\n'
INVALID = b'{"recurrent": "yes"}\n'


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run main(argv) in this process; the exit status, stdout and stderr."""
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def shell(command: str, cwd: Path, **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    """Run a shell command line with the installed spasmfacts first on the PATH."""
    env = {**os.environ, "PATH": f"{Path(SCRIPT).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run(  # noqa: S602 (a fixed command line: the redirections are what is tested)
        command, shell=True, cwd=cwd, env=env, capture_output=True, timeout=120, check=False, **kwargs
    )


def usage_error_line(err: str) -> str:
    """The one error line of a usage error, after argparse's usage."""
    lines = err.splitlines()
    assert lines[0].startswith("usage: spasmfacts")
    assert sum(line.startswith("spasmfacts: error: ") for line in lines) == 1
    return lines[-1]


# --- one answer per command line -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "option"),
    [
        (["check", "--duration", "20m", "--duration", "1m"], "--duration"),
        (["check", "--input", "a.jsonl", "--input", "b.jsonl"], "--input"),
        (["check", "--severity", "mild", "--severity", "severe"], "--severity"),
        (["check", "--severity", "mild", "--severity", "mild"], "--severity"),
        (["check", "--pain-score", "2", "--pain-score", "9"], "--pain-score"),
        (["check", "--age-group", "adult", "--age-group", "child"], "--age-group"),
        (["check", "--recurrent", "--no-recurrent"], "--no-recurrent"),
        (["check", "--no-recurrent", "--recurrent"], "--recurrent"),
        (["check", "--after-wound", "--after-wound"], "--after-wound"),
        (["check", "--with-none", "--with-none"], "--with-none"),
        (["check", "--no-medicines", "--no-medicines"], "--no-medicines"),
        (["export", "content", "-o", "a.json", "--output", "b.json"], "--output"),
    ],
)
def test_a_single_valued_option_given_twice_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], argv: list[str], option: str
) -> None:
    """An option that takes one value, given twice (even with the same value), exits 2 naming it, never last-wins."""
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    line = usage_error_line(err)
    assert option in line
    assert "given more than once" in line


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--pain-score", "\u0667"),  # ARABIC-INDIC DIGIT SEVEN
        ("--pain-score", "\uff17"),  # FULLWIDTH DIGIT SEVEN
        ("--pain-score", "\U0001d7d5"),  # MATHEMATICAL BOLD DIGIT SEVEN
        ("--duration", "\u0661\u0662m"),
        ("--duration", "12\uff4d"),  # FULLWIDTH SMALL M
        ("--duration", "pt12\u017f"),  # LATIN SMALL LONG S, which upper() turns into S
        ("--duration", "\u0669\u0660"),  # ninety in Arabic-Indic digits
        ("--area", "nec\u212a"),  # KELVIN SIGN, which lower() turns into k
        ("--severity", "\uff2d\uff29\uff2c\uff24"),  # FULLWIDTH MILD
        ("--with", "\u0192ever"),
        ("--age-group", "adul\u0163"),
    ],
)
def test_option_values_are_ascii_as_documented(capsys: pytest.CaptureFixture[str], option: str, value: str) -> None:
    """Only ASCII digits and the documented letters are read: other digits and case-folded look-alikes exit 2."""
    code, out, err = run(capsys, "check", option, value)
    assert (code, out) == (2, "")
    line = usage_error_line(err)
    assert option in line
    assert line.isprintable()


# --- content faults: exit 3 means nothing was written -------------------------------------------------


@pytest.mark.parametrize("broken", ["metadata.json", "questions.json", "cautions.json", "phrases.json"])
@pytest.mark.parametrize(
    "argv",
    [
        ["check"],
        ["check", "--json"],
        ["check", "--area", "leg", "--with-none"],
        ["show", "causes"],
        ["show", "sources", "--json"],
        ["show", "overview"],
    ],
)
def test_exit_3_means_nothing_was_written(
    capsys: pytest.CaptureFixture[str], content_copy: Path, broken: str, argv: list[str]
) -> None:
    """Whichever collection a command needs is broken, it exits 3 before writing a byte on standard output."""
    (content_copy / broken).write_bytes(b"[{")
    code, out, err = run(capsys, *argv)
    if argv[0] == "show" and code == 0:  # show needs neither the questions nor the cautions
        assert broken in {"questions.json", "cautions.json"}
        assert out
        return
    assert (code, out) == (3, "")
    assert err.startswith("spasmfacts: cannot load the content: ")
    assert broken in err


@pytest.mark.parametrize("broken", ["metadata.json", "questions.json", "cautions.json", "phrases.json", "sources.json"])
def test_exit_3_in_a_batch_means_nothing_was_written(
    capsys: pytest.CaptureFixture[str], content_copy: Path, tmp_path: Path, broken: str
) -> None:
    """Check --input with any needed collection broken exits 3 with no result line written."""
    (content_copy / broken).write_bytes(b"\xff")
    batch = tmp_path / "in.jsonl"
    batch.write_bytes(VALID + INVALID)
    code, out, err = run(capsys, "check", "--input", str(batch))
    assert (code, out) == (3, "")
    assert broken in err


# --- nothing lost: the same file in and out ----------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        "spasmfacts check --input episodes.jsonl >> episodes.jsonl",
        "spasmfacts check --input - < episodes.jsonl >> episodes.jsonl",
        "spasmfacts check --input episodes.jsonl 1<> episodes.jsonl",
    ],
)
def test_reading_the_file_being_written_is_refused(tmp_path: Path, command: str) -> None:
    """`check --input f >> f` exits 2 with one line and leaves f as it was, instead of feeding on its own output."""
    path = tmp_path / "episodes.jsonl"
    path.write_bytes(VALID * 3)
    result = shell(command, tmp_path)
    assert result.returncode == 2
    assert path.read_bytes() == VALID * 3
    assert result.stderr.count(b"\n") == 1
    assert b"is the output file" in result.stderr


def test_another_file_is_not_taken_for_the_output(tmp_path: Path) -> None:
    """An input that is a different file from the output (even one with the same content) is read as usual."""
    (tmp_path / "episodes.jsonl").write_bytes(VALID * 3)
    (tmp_path / "results.jsonl").write_bytes(VALID * 3)
    result = shell("spasmfacts check --input episodes.jsonl >> results.jsonl", tmp_path)
    assert result.returncode == 0
    assert len((tmp_path / "results.jsonl").read_bytes().splitlines()) == 6


# --- nothing lost: standard error is best effort ---------------------------------------------------------


def test_a_full_standard_error_does_not_stop_the_batch(tmp_path: Path) -> None:
    """With stderr on /dev/full, every line of a batch with invalid lines is still written, and the exit is 1."""
    (tmp_path / "in.jsonl").write_bytes((VALID + INVALID) * 50)
    result = shell("spasmfacts check --input in.jsonl 2>/dev/full", tmp_path)
    assert result.returncode == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [record["line"] for record in records] == list(range(1, 101))
    assert sum("errors" in record for record in records) == 50


def test_a_closed_standard_error_does_not_stop_the_batch(tmp_path: Path) -> None:
    """With stderr a pipe whose reader is gone, every line is still written and the exit is 1."""
    path = tmp_path / "in.jsonl"
    path.write_bytes((INVALID + VALID) * 50)
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run(
            [SCRIPT, "check", "--input", str(path)], stderr=write_end, stdout=subprocess.PIPE, timeout=120, check=False
        )
    finally:
        os.close(write_end)
    assert result.returncode == 1
    assert len(result.stdout.splitlines()) == 100


@pytest.mark.parametrize("argv", [["check", "--area", "knee"], ["check", "--input", "missing.jsonl"]])
def test_a_full_standard_error_keeps_the_exit_status(tmp_path: Path, argv: list[str]) -> None:
    """Errors that cannot be told on a full stderr still give their exit status, and no traceback anywhere."""
    result = shell(" ".join(["spasmfacts", *argv, "2>/dev/full"]), tmp_path)
    assert result.returncode == 2
    assert result.stdout == b""


# --- nothing lost: a non-blocking standard output --------------------------------------------------------


def _waits_on_a_full_pipe(pid: int) -> bool:
    """Whether the process sleeps in the kernel's pipe write, that is, on a full pipe ("anon_pipe_write")."""
    try:
        return Path(f"/proc/{pid}/wchan").read_text(encoding="ascii").endswith("pipe_write")
    except OSError:  # pragma: no cover (the process has just ended)
        return False


def test_a_non_blocking_stdout_loses_no_line(tmp_path: Path) -> None:
    """A batch written to a non-blocking pipe nobody reads for a while still delivers every line, in order, exit 0."""
    count = 20_000
    path = tmp_path / "in.jsonl"
    path.write_bytes(VALID * count)
    read_end, write_end = os.pipe()
    os.set_blocking(write_end, False)
    child = subprocess.Popen([SCRIPT, "check", "--input", str(path)], stdout=write_end, stderr=subprocess.PIPE)
    os.close(write_end)
    # Read nothing until the pipe is full and the command waits on it (or has given up, as it once did).
    deadline = time.monotonic() + 60
    while not _waits_on_a_full_pipe(child.pid) and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    with os.fdopen(read_end, "rb") as reader:
        output = reader.read()
    assert child.stderr is not None
    stderr = child.stderr.read()
    child.stderr.close()
    assert child.wait(timeout=120) == 0
    assert stderr == b""
    assert [json.loads(line)["line"] for line in output.splitlines()] == list(range(1, count + 1))


# --- nothing lost: export -o writes whole or not at all ----------------------------------------------------


def _limit_file_size() -> None:  # pragma: no cover (runs in the child, before the command)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


def test_a_failed_export_leaves_the_old_file(tmp_path: Path) -> None:
    """When the write fails part-way (the file size limit), the old file is intact and no temporary file is left."""
    target = tmp_path / "content.json"
    target.write_text("the previous export\n", encoding="utf-8")
    result = subprocess.run(
        [SCRIPT, "export", "content", "-o", str(target)],
        capture_output=True,
        preexec_fn=_limit_file_size,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == b""
    assert result.stderr.decode() == f"spasmfacts: cannot write {target}: File too large\n"
    assert target.read_text(encoding="utf-8") == "the previous export\n"
    assert sorted(tmp_path.iterdir()) == [target]


def test_an_export_keeps_the_permissions_and_links(tmp_path: Path) -> None:
    """An export replacing a file keeps its mode; one through a symbolic link replaces the file it points to."""
    target = tmp_path / "content.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / "link.json"
    link.symlink_to(target)
    assert cli.main(["export", "content", "-o", str(link)]) == 0
    assert link.is_symlink()
    assert json.loads(target.read_text(encoding="utf-8"))["metadata"]
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(path.name for path in tmp_path.iterdir()) == ["content.json", "link.json"]


def test_an_export_to_a_new_file_follows_the_umask(tmp_path: Path) -> None:
    """A new export file gets the usual permissions (0666 less the umask), not the temporary file's 0600."""
    umask = os.umask(0o027)
    try:
        assert cli.main(["export", "markdown", "-o", str(tmp_path / "new.md")]) == 0
    finally:
        os.umask(umask)
    assert (tmp_path / "new.md").stat().st_mode & 0o777 == 0o640


def test_an_export_to_a_device_is_written_in_place(tmp_path: Path) -> None:
    """An export to a character device or a pipe (never replaced, even as root) is written into it."""
    read_end, write_end = os.pipe()
    fifo = f"/proc/self/fd/{write_end}"
    try:
        code = cli.main(["export", "schema-episode", "-o", fifo])
    finally:
        os.close(write_end)
    with os.fdopen(read_end, "rb") as reader:
        assert json.loads(reader.read())["$schema"]
    assert code == 0
    assert Path("/dev/null").is_char_device()


@pytest.mark.parametrize("fault", ["directory", "missing folder"])
def test_an_unwritable_export_names_the_file(capsys: pytest.CaptureFixture[str], tmp_path: Path, fault: str) -> None:
    """An export that cannot be written exits 2 naming the file asked for, never a temporary name."""
    target = tmp_path if fault == "directory" else tmp_path / "no" / "such.json"
    code, out, err = run(capsys, "export", "content", "-o", str(target))
    assert (code, out) == (2, "")
    assert err.startswith(f"spasmfacts: cannot write {target}: ")
    assert ".tmp" not in err


def test_a_failed_rename_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """If the final rename fails, the temporary file is removed and the error names the target."""

    def refuse(*args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="Permission denied") as caught:
        export_module.write_atomically(tmp_path / "out.json", "{}")
    assert caught.value.filename == str(tmp_path / "out.json")
    assert list(tmp_path.iterdir()) == []


def test_an_interrupted_export_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C during the write removes the temporary file and is passed on."""

    def interrupt(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        export_module.write_atomically(tmp_path / "out.json", "{}")
    assert list(tmp_path.iterdir()) == []


# --- --help and --version report a failed write ---------------------------------------------------------


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["check", "--help"], ["export", "--help"]])
def test_help_and_version_report_a_failed_write(tmp_path: Path, argv: list[str]) -> None:
    """--help or --version on a full stdout exits 2 with one line, like every other command; once on a good one."""
    result = shell(" ".join(["spasmfacts", *argv, ">/dev/full"]), tmp_path)
    assert result.returncode == 2
    assert result.stderr == b"spasmfacts: cannot write the output: No space left on device\n"
    good = shell(" ".join(["spasmfacts", *argv]), tmp_path)
    assert good.returncode == 0
    assert good.stderr == b""
    first_line = good.stdout.splitlines()[0]
    assert good.stdout.count(first_line) == 1


def test_help_on_a_closed_pipe_exits_141(tmp_path: Path) -> None:
    """--help into a pipe closed early exits 141 silently, like every other command."""
    result = shell("spasmfacts check --help | true; echo ${PIPESTATUS[0]}", tmp_path, executable="/bin/bash")
    assert result.stdout.strip() in {b"0", b"141"}  # 0 when the help fitted the pipe before it closed
    assert b"Traceback" not in result.stderr


# --- clear messages: the progress line, whitespace-only lines -------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_line_is_cleared_before_an_error_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a terminal, each error line starts on a clean line: any progress line shown is cleared first."""
    valid = VALID.rstrip(b"\n") + b" " * 200 + b"\n"
    path = tmp_path / "in.jsonl"
    path.write_bytes(valid * 5_000 + INVALID + valid * 5_000 + INVALID)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert cli.main(["check", "--input", str(path)]) == 1
    shown = terminal.getvalue()
    assert "\rspasmfacts: " in shown
    errors = [index for index in range(len(shown)) if shown.startswith("spasmfacts: line ", index)]
    assert len(errors) == 2
    for index in errors:
        before = shown[:index]
        assert before == "" or before.endswith(("\r\x1b[K", "\n"))
        last_progress = before.rfind("\rspasmfacts: ")
        assert last_progress == -1 or "\r\x1b[K" in before[last_progress:]
    assert shown.endswith(("\n", "\r\x1b[K"))
    assert len(capsys.readouterr().out.splitlines()) == 10_002


@pytest.mark.parametrize("size", [1, 65_535, 65_536, 65_537, 200_000])
@pytest.mark.parametrize("blank", [b" ", b"\t", b" \t\r", b"\x0b\x0c"])
def test_a_whitespace_only_line_is_blank_whatever_its_length(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, size: int, blank: bytes
) -> None:
    """A line of only whitespace, however long, is blank: no output line, no error, later lines keep their numbers."""
    path = tmp_path / "in.jsonl"
    path.write_bytes(VALID + (blank * size)[:size] + b"\n" + VALID)
    code, out, err = run(capsys, "check", "--input", str(path))
    assert (code, err) == (0, "")
    assert [json.loads(line)["line"] for line in out.splitlines()] == [1, 3]


# --- the same faults in this process (so that the code paths are measured too) ---------------------------


class _Unwritable(io.StringIO):
    """A standard error whose every write fails, as on a full disk."""

    def write(self, text: str) -> int:
        raise OSError(28, "No space left on device")


def test_an_unwritable_stderr_in_process_loses_no_result(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Messages that cannot be written on stderr are dropped; every result line is written and the exit is 1."""
    path = tmp_path / "in.jsonl"
    path.write_bytes((INVALID + VALID) * 5)
    monkeypatch.setattr(sys, "stderr", _Unwritable())
    assert cli.main(["check", "--input", str(path)]) == 1
    assert [json.loads(line)["line"] for line in capsys.readouterr().out.splitlines()] == list(range(1, 11))
    assert cli.main(["check", "--area", "knee"]) == 2


def test_the_output_file_as_input_in_process(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When standard output appends to the input file, check --input exits 2 and the file is unchanged."""
    path = tmp_path / "in.jsonl"
    path.write_bytes(VALID * 2)
    with path.open("a", encoding="utf-8") as appended:
        monkeypatch.setattr(sys, "stdout", appended)
        assert cli.main(["check", "--input", str(path)]) == 2
    assert path.read_bytes() == VALID * 2
    assert capsys.readouterr().err == f"spasmfacts: input {path} is the output file; refusing to read what it writes\n"


@pytest.mark.parametrize("argv", [["--version"], ["--help"]])
def test_help_with_no_stdout_exits_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    """--help and --version with standard output closed exit 2 with one line, like every other command."""
    monkeypatch.setattr(sys, "stdout", None)
    assert cli.main(argv) == 2
    assert capsys.readouterr().err == "spasmfacts: cannot write the output: standard output is closed\n"
