"""``NotesStore``: the notes of one document, kept safe on disk (VISION §5, docs/notes-format.md).

- Every mutator saves at once. A save takes the file's lock, re-reads the file, merges
  what another instance wrote (``merge.py``), and replaces the file atomically with a
  ``.bak`` of the previous version (``storage.py``).
- A save that fails (read-only or missing folder, full disk) raises nothing: ``save_error``
  says why, the notes stay in memory, ``dirty`` stays True, ``retry_save()`` tries again.
- A file that cannot be read (corrupt, not UTF-8, wrong shape, newer schema) makes ``open``
  raise ``NotesFileError``, or — with ``on_error="read_only"`` — gives a read-only store:
  its mutators still work in memory (so the reader can go on and export), but nothing is
  written; ``read_only_reason`` and ``save_error`` say why. ``retry_save()`` re-reads the
  file and, if it has been repaired, merges and saves.
"""

from __future__ import annotations

import bisect
import functools
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Literal, Protocol, TypeVar, cast

from closeread import paths
from closeread.errors import NotesFileError
from closeread.notes import lookup, schema, storage
from closeread.notes.anchoring import AnchorResult, anchor, anchor_many
from closeread.notes.lookup import Match
from closeread.notes.merge import (
    FIELD_NAMES,
    Fields,
    LinkKey,
    QuoteKey,
    fields,
    link_key,
    merge_fields,
    merge_links,
    merge_notes,
    merge_quotes,
    merge_tombstones,
    quote_key,
    with_fields,
)
from closeread.notes.model import (
    DocumentRef,
    LinkCorrection,
    Note,
    QuoteCorrection,
    SpanRef,
    Target,
    Tombstone,
    new_note_id,
    show_controls,
    utc_now,
)
from closeread.notes.saver import BackgroundSaver
from closeread.notes.yaml_cache import NoteYamlCache, dump_cached_bytes


class DocumentLike(Protocol):
    """What the store needs of a ``closeread.document.Document``."""

    @property
    def text(self) -> str: ...
    @property
    def path(self) -> Path | None: ...
    @property
    def title(self) -> str: ...
    @property
    def sha256(self) -> str: ...


def _sort_key(note: Note) -> tuple[bool, int, int, int, str]:
    t = note.target
    # Whole seconds order as the formatted time did, without formatting 2,000 dates a save.
    return (note.is_orphan, t.start or 0, t.end or 0, int(note.created.timestamp()), note.id)


F = TypeVar("F", bound=Callable[..., Any])


def _locked(method: F) -> F:
    """Run ``method`` holding the store's lock (a save may be running on its worker)."""

    @functools.wraps(method)
    def run(self: NotesStore, *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            return method(self, *args, **kwargs)

    return cast(F, run)


@dataclass(slots=True)
class _Taken:
    """The changes a save is writing (``NotesStore._take_changes``)."""

    generation: int
    notes: set[str]
    links: set[LinkKey]
    quotes: set[QuoteKey]
    unsynced: set[str] | None
    base: dict[str, Fields] | None = None
    """The whole merge base after the write (after a merge, or many changes)..."""
    base_changes: dict[str, Fields | None] = field(default_factory=dict)
    """...or the entries that change (None: the note is gone)."""


class _Fingerprint:
    """The fingerprint of one text, computed on first call only."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._value = ""

    def __call__(self) -> str:
        if not self._value:
            from closeread.notes.identity import fingerprint

            self._value = fingerprint(self._text)
        return self._value


class NotesStore:
    """The notes and link corrections of one document, anchored in its current text."""

    def __init__(self, path: Path, text: str, document: DocumentRef) -> None:
        self.path = path
        """The notes file."""
        self.text = text
        """The document's normalised text the notes are anchored in."""
        self.document = document
        """The identity written into the file."""
        self.notes: list[Note] = []
        """Document order; orphans (no position) last."""
        self.links: list[LinkCorrection] = []
        self.quotes: list[QuoteCorrection] = []
        """The reader's "quote / not a quote" corrections (``set_quote``)."""
        self.read_only_reason: str | None = None
        """Why nothing can be written (the file could not be read), or None."""
        self.save_error: str | None = None
        """Why the last save failed, or None after a successful one."""
        self.save_reason: str | None = None
        """The bare cause of the last failed save (``the disk is full``), for callers that
        word their own message (the CLI, where nothing stays in memory); else None."""
        self.dirty = False
        """True while memory holds changes that are not on disk."""
        self._tombs: dict[str, datetime] = {}
        self._extra: dict[str, object] = {}
        self._link_changes: set[LinkKey] = set()
        self._quote_changes: set[QuoteKey] = set()
        self._note_changes: set[str] = set()
        self._undo: list[Note] = []
        self._disk_sig: tuple[int, int, int] | None = None
        self.match: Match | None = None
        """Which notes file was chosen for the document and why (None: given by the caller)."""
        self._fingerprint: _Fingerprint = _Fingerprint(text)
        self._base: dict[str, Fields] = {}
        """The editable fields of each note as last read from or written to the file: the
        base of the three-way merges (``merge.py``)."""
        self._yaml_cache = NoteYamlCache(trusting=True)
        """Each note's YAML as last saved: a save re-serialises only the changed notes
        (every method that changes a note in place tells it: ``_touch``)."""
        self._unsynced: set[str] | None = set()
        """Ids whose ``_base`` entry the next save refreshes (None: every note's)."""
        self._lock = threading.RLock()
        """Held by every change and every save: the reader saves on a worker thread."""
        self._saver: BackgroundSaver | None = None
        self._writing = False
        """True while a save writes the file (the store's lock is free meanwhile)."""
        self._generation = 0
        """Counts changes: a save knows whether any came during its write."""
        self._unsettled: tuple[Path, str] | None = None
        """(document path, text digest) while the file is a new one that the lookup named
        and this store has not written yet: the first save looks again (``_settle_file``)."""

    # ---- opening ---------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        doc: DocumentLike,
        notes_dir: Path | None = None,
        cwd: Path | None = None,
        *,
        path: Path | None = None,
        on_error: Literal["raise", "read_only"] = "raise",
        similar: bool = True,
    ) -> NotesStore:
        """Find, read and anchor the notes of ``doc``.

        Args:
            doc: the loaded document (its ``path`` locates the notes file).
            notes_dir: the ``--notes-dir`` option; otherwise the VISION §5 search from ``cwd``.
            cwd: where the workspace search starts (default: the working directory).
            path: use this notes file instead of resolving one.
            on_error: ``"raise"`` (default) or ``"read_only"`` for an unreadable file.
            similar: also look for notes of similar texts (``match.candidates``); False
                spares computing the text's fingerprint when only its own notes matter.
        """
        folder = paths.notes_dir_for(notes_dir, cwd) if path is None else path.parent
        fingerprint = _Fingerprint(doc.text)
        match: Match | None = None
        if path is None:
            if doc.path is None:
                raise NotesFileError("the document has no file, so its notes have no place")
            match = lookup.find_notes(
                doc.path, doc.sha256, folder, fingerprint if similar else None
            )
            path = match.file
        stored = paths.stored_document_path(doc.path, folder) if doc.path else ""
        ref = DocumentRef(stored, doc.title, doc.sha256, getattr(doc, "url", ""))
        store = cls(path, doc.text, ref)
        store.match = match
        if match is not None and match.kind == "new" and doc.path is not None:
            store._unsettled = (doc.path, doc.sha256)
        store._fingerprint = fingerprint
        try:
            store._load()
        except NotesFileError as exc:
            if on_error == "raise":
                raise
            store.read_only_reason = str(exc)
        except OSError as exc:
            err = NotesFileError(f"cannot read: {exc.strerror or exc}", path=path)
            if on_error == "raise":
                raise err from None
            store.read_only_reason = str(err)
        return store

    @classmethod
    def adopt(cls, doc: DocumentLike, notes_file: Path) -> NotesStore:
        """Attach the notes of ``notes_file`` to ``doc``: re-anchor them in its text and
        save, so the file records this document (its path, digest and fingerprint) from
        now on. Nothing is dropped: notes not found in the text are kept as orphans.
        Raises ``NotesFileError`` if the file cannot be read or written."""
        store = cls.open(doc, path=notes_file)
        store.match = Match(notes_file, "given", "adopted by hand")
        if not store.save():
            raise NotesFileError(
                f"could not adopt: {store.save_reason}", path=notes_file, exit_code=1
            )
        return store

    @property
    def read_only(self) -> bool:
        """True when the notes file could not be read and so must not be overwritten."""
        return self.read_only_reason is not None

    def _read(self) -> schema.NotesData | None:
        raw = storage.read_bytes(self.path)
        return None if raw is None else schema.parse(raw, self.path)

    def _load(self) -> None:
        sig = storage.signature(self.path)
        data = self._read()
        self._disk_sig = sig
        if data is None:
            return
        self.notes = [show_controls(n) for n in data.notes]
        self.links = data.links
        self.quotes = data.quotes
        self._tombs = {t.id: t.time for t in data.deleted}
        self._extra = dict(data.extra)
        self._base = {n.id: fields(n) for n in self.notes}
        found = anchor_many([n.target for n in self.notes], self.text)
        for note, result in zip(self.notes, found, strict=True):
            self._apply(note, result)
        for link in self.links:
            self._anchor_link(link)
        for q in self.quotes:
            self._anchor_ref(q.span)
        self._sort()

    def _anchor(self, note: Note) -> None:
        self._apply(note, anchor(note.target, self.text))

    def _apply(self, note: Note, found: AnchorResult) -> None:
        note.status = found.status
        note.guess = found.guess
        if found.start is None or found.end is None:
            note.target.start = note.target.end = None
        elif found.status != "anchored":
            # Adopt the text as it is now, so the next open finds it in place.
            note.target = Target.from_span(self.text, found.start, found.end)

    def _anchor_link(self, link: LinkCorrection) -> None:
        for ref in (link.claim, link.citation):
            self._anchor_ref(ref)

    def _anchor_ref(self, ref: SpanRef) -> None:
        found = anchor(Target(ref.quote, start=ref.start, end=ref.end), self.text)
        if found.start is not None and found.end is not None:
            ref.start, ref.end = found.start, found.end
            ref.quote = self.text[found.start : found.end]

    def _sort(self) -> None:
        # A new list: a reader in another thread never sees one half-sorted.
        self.notes = sorted(self.notes, key=_sort_key)

    def _place(self, note: Note) -> None:
        """Insert ``note`` where it belongs in the sorted list (the others are in order)."""
        bisect.insort(self.notes, note, key=_sort_key)

    def _touch(self, note_id: str | None = None) -> None:
        """Note ``note_id`` (None: any note) changed in place since the last save."""
        self._yaml_cache.touch(note_id)
        if note_id is None:
            self._unsynced = None
        elif self._unsynced is not None:
            self._unsynced.add(note_id)

    # ---- queries ---------------------------------------------------------------------

    def get(self, note_id: str) -> Note | None:
        """The note with this id, or None."""
        return next((n for n in self.notes if n.id == note_id), None)

    def notes_overlapping(self, start: int, end: int) -> list[Note]:
        """Anchored notes whose span meets ``[start, end)`` (or contains ``start`` if empty)."""
        out = []
        for n in self.notes:
            s, e = n.target.start, n.target.end
            if s is None or e is None:
                continue
            if (s < end and e > start) if end > start else (s <= start < max(e, s + 1)):
                out.append(n)
        return out

    def orphans(self) -> list[Note]:
        """Notes whose text was not found in the current document."""
        return [n for n in self.notes if n.is_orphan]

    def disk_changed(self) -> bool:
        """Whether the file changed since this store last read or wrote it (cheap ``stat``)."""
        return storage.signature(self.path) != self._disk_sig

    # ---- mutators (each saves) ---------------------------------------------------------

    def new_id(self) -> str:
        """A fresh note id that no note of this store has (ids are short and random)."""
        taken = {n.id for n in self.notes} | set(self._tombs)
        while (note_id := new_note_id()) in taken:
            pass
        return note_id

    def add(self, note: Note) -> Note:
        """Add a new note and save."""
        return self.add_many([note])[0]

    @_locked
    def add_many(self, notes: Sequence[Note]) -> list[Note]:
        """Add new notes and save once (an import of hundreds saves once, not hundreds of
        times). ValueError, before anything changes, if an id is already taken."""
        known = {n.id for n in self.notes}
        for note in notes:
            if note.id in known:
                raise ValueError(f"a note with id {note.id} already exists")
            known.add(note.id)
        for note in notes:
            show_controls(note)
            note.status = "orphan" if note.is_orphan else "anchored"
            self._tombs.pop(note.id, None)
            self._note_changes.add(note.id)
            self._touch(note.id)
        if len(notes) > 64:
            self.notes.extend(notes)
            self._sort()
        else:
            for note in notes:
                self._place(note)
        self._changed()
        return list(notes)

    @_locked
    def change(self, note: Note, started: Fields, **new: object) -> tuple[Note, list[str]]:
        """Apply the reader's change to the latest version of ``note`` and save.

        ``started`` holds the note's fields (``merge.fields``) when the dialog opened and
        ``new`` the values the reader gave (``body=``, ``kind=``, ``tags=``, ``verdict=``).
        Only the fields the reader changed are applied, three-way against ``started``, to
        the note as it is now (another window may have changed other fields meanwhile):
        no field edited elsewhere is overwritten with a stale copy. A note deleted
        elsewhere meanwhile is restored with the change. Returns the saved note and the
        names of the fields changed on both sides (both texts kept, or the reader's choice).
        """
        mine: dict[str, object] = dict(zip(FIELD_NAMES, started, strict=True))
        for key, value in new.items():
            if key not in mine:
                raise TypeError(f"not an editable field: {key}")
            mine[key] = tuple(value) if isinstance(value, list) else value
        kind, body, tags, verdict = mine["kind"], mine["body"], mine["tags"], mine["verdict"]
        assert isinstance(tags, tuple) and (verdict is None or isinstance(verdict, str))
        wanted: Fields = (str(kind), str(body), tags, verdict)
        self.reload(wait=False)  # the latest version (a cheap stat when nobody else wrote)
        current = self.get(note.id)
        if current is None:
            revived = with_fields(replace(note, target=replace(note.target)), wanted)
            revived.modified = utc_now()
            self.add(revived)
            return revived, []
        values, both = merge_fields(started, wanted, fields(current))
        updated = with_fields(replace(current, target=replace(current.target)), values)
        return self.update(updated), both

    @_locked
    def update(self, note: Note) -> Note:
        """Replace the note with the same id (its ``modified`` becomes now) and save."""
        i = next((k for k, n in enumerate(self.notes) if n.id == note.id), None)
        if i is None:
            raise KeyError(note.id)
        old = self.notes[i]
        show_controls(note)
        note.modified = max(utc_now(), old.modified)
        note.status = "orphan" if note.is_orphan else note.status
        if not note.is_orphan and old.is_orphan:
            note.status = "anchored"  # reattached by hand
        del self.notes[i]  # its place may change (a reattached note), so it is put back
        self._place(note)
        self._changed(note.id)
        return note

    @_locked
    def delete(self, note_id: str) -> Note:
        """Delete a note (undoable with ``undo``) and save; KeyError if there is none."""
        note = self.get(note_id)
        if note is None:
            raise KeyError(note_id)
        self.notes.remove(note)
        self._touch(note_id)
        self._undo.append(note)
        # Never earlier than the note's own time (which undo may have set ahead).
        self._tombs[note_id] = max(utc_now(), note.modified)
        self._changed()
        return note

    @_locked
    def undo(self) -> Note | None:
        """Restore the last deleted note (and save); None if nothing was deleted."""
        while self._undo:
            note = self._undo.pop()
            if self.get(note.id) is not None:
                continue  # already back (e.g. restored by another instance)
            died = self._tombs.pop(note.id, None)
            now = utc_now()
            # Newer than its tombstone, which another instance may still carry.
            note.modified = max(now, died + timedelta(seconds=1)) if died is not None else now
            if not note.is_orphan:
                self._anchor(note)
            self._place(note)
            self._changed(note.id)
            return note
        return None

    @property
    def can_undo(self) -> bool:
        """Whether ``undo`` would restore a note."""
        return bool(self._undo)

    @_locked
    def set_link(self, link: LinkCorrection) -> None:
        """Record a link correction, replacing any for the same claim and citation, and save."""
        key = link_key(link)
        self.links = [lc for lc in self.links if link_key(lc) != key]
        self.links.append(link)
        self._link_changes.add(key)
        self._changed()

    @_locked
    def set_quote(self, correction: QuoteCorrection) -> None:
        """Record a quote correction, replacing any for the same span, and save."""
        key = quote_key(correction)
        self.quotes = [q for q in self.quotes if quote_key(q) != key]
        self.quotes.append(correction)
        self._quote_changes.add(key)
        self._changed()

    def link_for(self, claim: SpanRef, citation: SpanRef) -> LinkCorrection | None:
        """The correction recorded for this claim and citation, if any."""
        key = (claim.start, claim.end, citation.start, citation.end)
        return next((lc for lc in self.links if link_key(lc) == key), None)

    def _changed(self, note_id: str | None = None) -> None:
        if note_id is not None:
            self._note_changes.add(note_id)
            self._touch(note_id)
        self.dirty = True
        self._generation += 1
        if self._saver is not None:
            self._saver.request()
        else:
            self.save()

    # ---- saving on a worker thread (the reader) ------------------------------------------

    def save_in_background(self, done: Callable[[bool], None] | None = None) -> None:
        """From now on each change is saved on a worker thread (``saver.py``), so a key
        never waits for the disk: the change is in memory at once, on disk a moment
        later. ``done(ok)`` is called on that thread after each save; ``save_error``
        says why one failed. ``wait_saved`` finishes them (before quitting)."""
        self._saver = BackgroundSaver(self._save_on_worker, done)

    def wait_saved(self, timeout: float | None = None) -> bool:
        """Wait until every change made so far is saved (or failed); False on timeout."""
        return self._saver.wait(timeout) if self._saver is not None else True

    @property
    def saves_in_background(self) -> bool:
        """Whether changes are saved on a worker thread (``save_in_background``)."""
        return self._saver is not None

    @property
    def saving(self) -> bool:
        """True while a save on the worker thread is asked for or running."""
        return self._saver is not None and self._saver.busy

    def _save_on_worker(self) -> bool:
        try:
            return self.save()
        except Exception as exc:  # a bug, not the disk: keep the notes and say so
            self.save_reason = f"unexpected error ({exc!r})"
            self.save_error = f"{self.path}: could not save notes: {self.save_reason}"
            return False

    # ---- saving and merging ------------------------------------------------------------

    def save(self) -> bool:
        """Merge with the file on disk and write it atomically.

        Returns False and sets ``save_error`` on failure (never raises). The store's lock
        is held while the file's content is made, not while it is written: on the worker
        (``save_in_background``) the reader's changes go on during the write, into the
        next save.
        """
        with self._lock:
            if self.read_only_reason is not None:
                self.save_error = f"{self.read_only_reason}; changes are kept in memory only"
                self.save_reason = self.read_only_reason
                return False
        taken: _Taken | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with storage.locked(self.path):  # always before the store's lock
                with self._lock:
                    self._settle_file()
                    target = storage.real_path(self.path)  # through a symlink, never over it
                    storage.remove_stale_temps(target)
                    self._merge_disk()
                    storage.check_regular(target)
                    payload = dump_cached_bytes(self._data(), self._yaml_cache)
                    taken = self._take_changes()
                storage.atomic_write(target, payload)
                with self._lock:
                    self._writing = False
                    self._disk_sig = storage.signature(self.path)
                    self._written(taken)
                    self._unsettled = None  # the file is this store's from now on
                    taken = None
            paths.mark_workspace(self.path.parent)  # the folder is closeread's from now on
        except NotesFileError as exc:
            with self._lock:
                self._give_back(taken)
                self.save_error = f"{exc}; not overwritten, notes are kept in memory"
                self.save_reason = str(exc)
            return False
        except OSError as exc:
            with self._lock:
                self._give_back(taken)
                self.save_error = storage.describe_os_error(exc, self.path)
                self.save_reason = storage.os_error_reason(exc)
            return False
        except BaseException:
            with self._lock:
                self._give_back(taken)
            raise
        with self._lock:
            self.save_error = self.save_reason = None
        return True

    def _settle_file(self) -> None:
        """Under the folder's lock, before the first save of a new notes file: look the
        document's notes up again. Another instance may have saved notes for the same text
        since this one opened (two readers started on a new document at once): this store
        then writes into that file, merging with it, instead of starting a second file
        that would hide one instance's notes from the other. A file of another document
        that took the chosen name meanwhile is never written over: the lookup names a free
        one."""
        if self._unsettled is None:
            return
        doc_path, sha256 = self._unsettled
        found = lookup.find_notes(doc_path, sha256, self.path.parent)
        if found.file != self.path:
            self.path = found.file
            self._disk_sig = None  # a file never read here: merged before the write
            self.match = replace(found, candidates=self.match.candidates if self.match else ())

    def _take_changes(self) -> _Taken:
        """What the file about to be written settles: the changes made so far (later
        ones go into the next save) and the merge base it becomes."""
        taken = _Taken(
            self._generation,
            self._note_changes,
            self._link_changes,
            self._quote_changes,
            self._unsynced,
        )
        if self._unsynced is None or len(self._unsynced) > 64:
            taken.base = {n.id: fields(n) for n in self.notes}
        else:
            if len(self._unsynced) <= 4:
                by_id = {i: self.get(i) for i in self._unsynced}
            else:
                known = {n.id: n for n in self.notes}
                by_id = {i: known.get(i) for i in self._unsynced}
            taken.base_changes = {i: fields(n) if n else None for i, n in by_id.items()}
        self._note_changes, self._link_changes, self._quote_changes = set(), set(), set()
        self._unsynced = set()
        self._writing = True
        return taken

    def _written(self, taken: _Taken) -> None:
        """The file holds what ``taken`` settled: it is the merge base from now on."""
        if taken.base is not None:
            self._base = taken.base
        for note_id, value in taken.base_changes.items():
            if value is None:
                self._base.pop(note_id, None)
            else:
                self._base[note_id] = value
        self.dirty = self._generation != taken.generation  # changed during the write

    def _give_back(self, taken: _Taken | None) -> None:
        """A write failed: what it would have settled is pending again."""
        self._writing = False
        if taken is None:
            return
        self._note_changes |= taken.notes
        self._link_changes |= taken.links
        self._quote_changes |= taken.quotes
        if taken.unsynced is None or self._unsynced is None:
            self._unsynced = None
        else:
            self._unsynced |= taken.unsynced

    def retry_save(self) -> bool:
        """Try again after a failed save (re-reading a file that was unreadable)."""
        with self._lock:
            if self.read_only_reason is not None:
                try:
                    data = self._read()
                except (NotesFileError, OSError) as exc:
                    self.save_error = f"{exc}; changes are kept in memory only"
                    return False
                self.read_only_reason = None
                if data is not None:
                    self._merge(data)
        return self.save()  # not under the store's lock: the file's lock comes first

    def reload(self, wait: bool = True) -> bool:
        """Merge what another instance saved; True if the notes or links changed.

        ``wait=False`` (the reader's timer, and a change made while a save is being
        written): return False at once when a save of this store is running, rather than
        wait for it (that save merges the file, and its own file is no news).
        """
        if not self._lock.acquire(blocking=wait):
            return False
        try:
            if self._writing:
                return False  # the file is this store's own, being written
            return self._reload()
        finally:
            self._lock.release()

    def _reload(self) -> bool:
        if self.read_only_reason is not None or not self.disk_changed():
            return False
        sig = storage.signature(self.path)
        try:
            data = self._read()
        except (NotesFileError, OSError):
            return False
        before = self._snapshot()
        if data is not None:
            disk_base = {n.id: fields(n) for n in data.notes}  # before the merge touches them
            self._merge(data)
            self._base = disk_base
        self._disk_sig = sig
        return self._snapshot() != before

    def _snapshot(self) -> tuple[object, ...]:
        return (
            tuple((n.id, n.modified, n.body, tuple(n.tags), n.verdict, n.kind) for n in self.notes),
            tuple((link_key(lc), lc.action) for lc in self.links),
            tuple((quote_key(q), q.action, q.source) for q in self.quotes),
        )

    def _merge_disk(self) -> None:
        """Under the lock: fold the file's current content into memory before writing."""
        if storage.signature(self.path) == self._disk_sig:
            return  # nobody else wrote since we last read or wrote
        data = self._read()
        if data is not None:
            self._merge(data)

    def _merge(self, data: schema.NotesData) -> None:
        self._touch()  # a merge may change any note in place
        local_ids = {id(n) for n in self.notes}
        tombs = merge_tombstones(
            (Tombstone(i, t) for i, t in self._tombs.items()),
            data.deleted,
        )
        notes, kept = merge_notes(self.notes, data.notes, tombs, self._note_changes, self._base)
        for note in notes:
            if id(note) not in local_ids:
                self._anchor(show_controls(note))
        self.notes = notes
        self._tombs = dict(kept)
        disk_links = list(data.links)
        for link in disk_links:
            self._anchor_link(link)
        self.links = merge_links(self.links, disk_links, self._link_changes)
        for q in data.quotes:
            self._anchor_ref(q.span)
        self.quotes = merge_quotes(self.quotes, data.quotes, self._quote_changes)
        self._extra = {**data.extra, **self._extra}
        self._sort()

    def offer_fingerprint(self, value: str) -> None:
        """Take ``value`` as the text's fingerprint (computed elsewhere for this same
        text: the reader's layout child) unless one is known; ignored if it is not a
        fingerprint."""
        from closeread.notes.identity import parse

        if not self._fingerprint._value and parse(value) is not None:
            self._fingerprint._value = value

    def ensure_fingerprint(self) -> str:
        """The text's similarity fingerprint, computed now if it was not yet (~0.3-0.5 s
        on a 3 MB book, ~1 ms on an article): by the first save, which the reader runs on
        its saving thread, unless the reader's layout child offered it
        (``offer_fingerprint``)."""
        if not self.document.fingerprint:
            self.document.fingerprint = self._fingerprint()
        return self.document.fingerprint

    def _data(self) -> schema.NotesData:
        self.ensure_fingerprint()
        return schema.NotesData(
            document=self.document,
            notes=list(self.notes),
            links=list(self.links),
            quotes=list(self.quotes),
            deleted=[Tombstone(i, t) for i, t in sorted(self._tombs.items())],
            extra=dict(self._extra),
        )
