"""`qm-tui sync`: the database shared through a git repository.

Commit the database, fetch, merge with qm-tui's own merge, push; once more if the push raced
another one. qm-tui's merge is registered as git's merge driver for the database file (in
`.gitattributes`, committed, and the repository's own config), so a plain `git pull` merges it
the same way: the file never gets conflict markers. The files qm-tui keeps beside the database
(its lock; an earlier qm-tui's journal and list index) are listed in the repository's
`info/exclude`, so the work tree stays clean. Every expected failure is one SyncError line;
nothing is pushed then.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..database.store import InterviewStore
from ..errors import QMError
from .merge import merge_tables
from .source import read_copy

__all__ = ["DRIVER", "DRIVER_SAYS", "SyncError", "SyncReport", "setup_driver", "sync"]

DRIVER = "qm-tui"  # the merge driver's name in .gitattributes and the config
DRIVER_SAYS = "qm-tui merge: "  # how the merge driver's report lines start
NETWORK_TIMEOUT = 120.0  # seconds for a fetch or a push
LOCAL_TIMEOUT = 60.0


class SyncError(QMError):
    """git could not sync the database; the database and the remote are as they were, or
    hold only complete, merged versions."""


@dataclass
class SyncReport:
    """What a sync did."""

    committed: bool = False  # this copy's changes were committed
    came_in: list[str] = field(default_factory=list)  # what the merge changed here
    conflicts: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    pushed: int = 0  # commits sent to the remote
    remote: str = ""

    def lines(self) -> list[str]:
        """The report, one line each."""
        out = [f"in: {line}" for line in self.came_in]
        out += [f"conflict: {line}" for line in self.conflicts]
        out += [f"warning: {line}" for line in self.warnings]
        came = f"{len(self.came_in)} change(s) came in"
        went = f"{self.pushed} commit(s) went out to {self.remote}"
        saved = "this copy's changes committed; " if self.committed else ""
        out.append(f"Synced: {saved}{came}; {went}")
        return out


class _Git:
    """git run in one work tree, with no prompts."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}

    def run(
        self, *args: str, check: bool = True, timeout: float = LOCAL_TIMEOUT
    ) -> subprocess.CompletedProcess[str]:
        try:
            done = subprocess.run(
                ["git", *args],
                cwd=self.folder,
                env=self.env,
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                timeout=timeout,
                stdin=subprocess.DEVNULL,
            )
        except FileNotFoundError:
            raise SyncError(_NO_GIT, code="sync.no_git") from None
        except subprocess.TimeoutExpired:
            raise SyncError(f"git {args[0]} took more than {timeout:.0f} s; stopped") from None
        if check and done.returncode != 0:
            raise SyncError(f"git {args[0]} failed: {_first_line(done.stderr or done.stdout)}")
        return done

    def out(self, *args: str) -> str:
        return self.run(*args).stdout.strip()

    def ok(self, *args: str) -> str | None:
        done = self.run(*args, check=False)
        return done.stdout.strip() if done.returncode == 0 else None


_NO_GIT = "git is not installed (or not on the PATH): install git to sync through a repository"


def _first_line(text: str) -> str:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return " / ".join(lines[:2])[:300] or "no message"


def _glob_escape(name: str) -> str:
    """A file name as a gitattributes/gitignore pattern that matches only it."""
    out = []
    for ch in name:
        if ch in "*?[]\\!#":
            out.append("\\" + ch)
        elif ch.isspace():
            out.append("[[:space:]]")
        else:
            out.append(ch)
    return "".join(out)


def _open_repository(db_path: Path) -> tuple[_Git, Path, str]:
    """git in the database's work tree, the repository's top folder and the database's path
    in it; SyncError for a database outside a git work tree."""
    if shutil.which("git") is None:
        raise SyncError(_NO_GIT, code="sync.no_git")
    target = Path(os.path.realpath(db_path))
    git = _Git(target.parent)
    if not target.parent.is_dir():
        raise SyncError(f"{db_path.parent} does not exist; nothing to sync")
    top = git.ok("rev-parse", "--show-toplevel")
    if not top or git.ok("rev-parse", "--is-inside-work-tree") != "true":
        raise SyncError(
            f"not a git repository: {target.parent}. Put the database in a git work tree with "
            "a remote (git init; git remote add origin URL), or share it another way",
            code="sync.not_a_repository",
            folder=str(target.parent),
        )
    top_path = Path(os.path.realpath(top))
    return _Git(top_path), top_path, target.relative_to(top_path).as_posix()


def setup_driver(db_path: Path) -> bool:
    """Register qm-tui's merge for the database in its repository: the driver in the
    repository's config, the file in `.gitattributes` beside it, qm-tui's side files in
    `info/exclude`. True if `.gitattributes` changed (it needs committing)."""
    git, top, rel = _open_repository(db_path)
    return _setup(git, top, rel)


def _setup(git: _Git, top: Path, rel: str) -> bool:
    command = f"{shlex.quote(sys.executable)} -m qm_tui merge-driver %O %A %B"
    git.run("config", f"merge.{DRIVER}.name", "qm-tui: merge interview databases by uid")
    git.run("config", f"merge.{DRIVER}.driver", command)
    folder, _, name = rel.rpartition("/")
    attributes = top / folder / ".gitattributes"
    line = f"/{_glob_escape(name)} merge={DRIVER}"
    old = attributes.read_text(encoding="utf-8") if attributes.exists() else ""
    changed = line not in old.splitlines()
    if changed:
        attributes.write_text(old + ("" if not old or old.endswith("\n") else "\n") + line + "\n")
    exclude = Path(git.out("rev-parse", "--git-path", "info/exclude"))
    exclude = exclude if exclude.is_absolute() else top / exclude
    base = "/" + "/".join(_glob_escape(p) for p in rel.split("/"))
    stem = f"/{_glob_escape(folder)}/" if folder else "/"
    wanted = [
        f"{base}.lock",
        f"{base}.journal",
        f"{base}.index",
        f"{stem}.{_glob_escape(name)}.*.tmp",
    ]
    have = exclude.read_text(encoding="utf-8").splitlines() if exclude.exists() else []
    missing = [w for w in wanted if w not in have]
    if missing:
        exclude.parent.mkdir(parents=True, exist_ok=True)
        with open(exclude, "a", encoding="utf-8") as fh:
            fh.write("# qm-tui's files beside the database\n" + "\n".join(missing) + "\n")
    return changed


def sync(db_path: Path) -> SyncReport:
    """Commit the database, fetch, merge, push (retried once after a race); SyncError for a
    database outside a git work tree, no remote, an unreachable remote, a rejected push, no
    git, or no git identity."""

    git, top, rel = _open_repository(db_path)
    branch = git.ok("symbolic-ref", "--quiet", "--short", "HEAD")
    if not branch:
        raise SyncError("the repository is not on a branch (a detached HEAD); check one out")
    remote, remote_branch = _upstream(git, branch)
    _check_identity(git)
    attributes_changed = _setup(git, top, rel)
    folder = rel.rpartition("/")[0]
    attributes = f"{folder}/.gitattributes" if folder else ".gitattributes"
    report = SyncReport(remote=remote)
    store = InterviewStore(top / rel)
    # the lock only while git reads or replaces the file: saves wait for that, not the network
    with store.locked():
        report.committed = _commit(git, [rel, attributes], attributes_changed)
    for attempt in (1, 2):
        _fetch(git, remote, remote_branch)
        tracking = f"refs/remotes/{remote}/{remote_branch}"
        has_remote = git.ok("rev-parse", "--verify", "--quiet", tracking) is not None
        if has_remote:
            with store.locked():
                _merge(git, rel, tracking, report)
            ahead = int(git.out("rev-list", "--count", f"{tracking}..HEAD"))
        else:
            ahead = int(git.ok("rev-list", "--count", "HEAD") or 0)
        if ahead == 0:
            break
        pushed = git.run(
            "push", "--porcelain", remote, f"HEAD:refs/heads/{remote_branch}",
            check=False, timeout=NETWORK_TIMEOUT,
        )  # fmt: skip
        if pushed.returncode == 0:
            report.pushed = ahead
            if git.ok("rev-parse", "--abbrev-ref", "@{u}") is None:
                git.run("branch", f"--set-upstream-to={remote}/{remote_branch}", check=False)
            break
        if attempt == 2 or _unreachable(pushed.stderr):
            why = _first_line(pushed.stderr or pushed.stdout)
            raise SyncError(
                f"push rejected by {remote}: {why}. This copy's changes are committed here; "
                "run sync again later",
                code="sync.push_rejected",
                remote=remote,
            )
    return report


def _upstream(git: _Git, branch: str) -> tuple[str, str]:
    """(remote, branch there): the branch's upstream, else its namesake on the one remote (or
    on origin)."""
    upstream = git.ok("rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{u}")
    remotes = (git.ok("remote") or "").split()
    if upstream and "/" in upstream:
        for remote in sorted(remotes, key=len, reverse=True):
            if upstream.startswith(remote + "/"):
                return remote, upstream[len(remote) + 1 :]
    if not remotes:
        raise SyncError(
            "the repository has no remote to sync with: add one (git remote add origin URL)",
            code="sync.no_remote",
        )
    remote = "origin" if "origin" in remotes or len(remotes) != 1 else remotes[0]
    if remote not in remotes:
        raise SyncError(f"the repository has several remotes and no origin: set an upstream "
                        f"(git branch --set-upstream-to REMOTE/{branch})")  # fmt: skip
    return remote, branch


def _check_identity(git: _Git) -> None:
    env = git.env
    name = env.get("GIT_AUTHOR_NAME") or git.ok("config", "user.name")
    email = env.get("GIT_AUTHOR_EMAIL") or env.get("EMAIL") or git.ok("config", "user.email")
    if not name or not email:
        raise SyncError(
            "no git identity to commit with: set one (git config --global user.name 'Your "
            "Name'; git config --global user.email you@example.org)",
            code="sync.no_identity",
        )


def _commit(git: _Git, paths: list[str], attributes_changed: bool) -> bool:
    """Commit the database (and .gitattributes) if they changed; True if committed."""
    wanted = [p for p in paths if (git.folder / p).exists()]
    status = git.out("status", "--porcelain", "--untracked-files=all", "--", *wanted)
    if not status and not attributes_changed:
        return False
    git.run("add", "--", *wanted)
    if not git.out("diff", "--cached", "--name-only", "--", *wanted):
        return False
    host = os.uname().nodename if hasattr(os, "uname") else "this machine"
    git.run("commit", "--quiet", "--no-verify", "-m", f"qm-tui: interviews from {host}", "--",
            *wanted)  # fmt: skip
    return True


def _fetch(git: _Git, remote: str, branch: str) -> None:
    done = git.run("fetch", "--quiet", remote, check=False, timeout=NETWORK_TIMEOUT)
    if done.returncode != 0:
        raise SyncError(
            f"the remote {remote} cannot be reached: {_first_line(done.stderr)}",
            code="sync.unreachable",
            remote=remote,
        )


def _unreachable(stderr: str) -> bool:
    text = stderr.lower()
    return "could not read from remote" in text or "does not appear to be a git" in text


def _merge(git: _Git, rel: str, tracking: str, report: SyncReport) -> None:
    """Merge the remote's branch; the database through qm-tui's merge driver. Anything git
    cannot merge by itself (another file in conflict) is undone, and a SyncError says so."""

    before = git.out("rev-parse", "HEAD")
    # unrelated: a clone made before the first push has a first commit of its own
    done = git.run(
        "merge", "--no-edit", "--quiet", "--allow-unrelated-histories", tracking, check=False
    )
    if done.returncode != 0:
        conflicted = git.out("diff", "--name-only", "--diff-filter=U")
        git.run("merge", "--abort", check=False)
        raise SyncError(
            f"git could not merge {conflicted.replace(chr(10), ', ') or 'the branches'} "
            f"({_first_line(done.stderr or done.stdout)}); the merge was undone, nothing changed"
        )
    for line in done.stderr.splitlines():  # what the merge driver said
        kind, _, text = line.removeprefix(DRIVER_SAYS).partition(": ")
        if line.startswith(DRIVER_SAYS) and kind in ("conflict", "warning"):
            (report.conflicts if kind == "conflict" else report.warnings).append(text)
    if git.out("rev-parse", "HEAD") == before:
        return
    # what came in: the database as it was before the merge, joined with it after
    try:
        old = json.loads(git.run("show", f"{before}:{rel}", check=False).stdout or "{}")
        mine = old if isinstance(old, dict) else {}
        result = merge_tables(mine, read_copy(git.folder / rel), other_name="the remote")
    except (ValueError, RecursionError, QMError):
        report.came_in.append("the database as merged (its changes could not be listed)")
        return
    report.came_in += result.lines
