"""The reader's memory between runs: where each document was left (position, panel) and
the theme, in the reading state (``closeread.state``).

The state is read when the document opens (the theme at once, the place once the full
text is there) and written when the reader quits; a corrupt state file gives a warning,
never an error.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from closeread.tui.screens.reader import ReaderScreen


def restore_session(screen: ReaderScreen) -> None:
    """Read the reading state and go back to where this document was left."""
    load_reading_state(screen)
    restore_place(screen)


def load_reading_state(screen: ReaderScreen) -> None:
    """Read the state file and apply the theme (the position and panel wait for the full
    text: ``restore_place``)."""
    from closeread.paths import state_file
    from closeread.state import ReadingState

    state = screen.reading_state = ReadingState.load(state_file())
    if state.warning:
        screen.notify(state.warning, severity="warning", markup=False)
    app = screen.app
    if state.theme and state.theme != app.theme and state.theme in app.available_themes:
        app.theme = state.theme


def restore_place(screen: ReaderScreen) -> None:
    """Put the cursor where this document was left (once, with the full text)."""
    state, session = screen.reading_state, screen.session
    if state is None or screen.place_restored or session.loading:
        return
    screen.place_restored = True
    place = state.place(session.doc.sha256, session.doc.path)
    if place is None:
        return
    # Sets the panel the side panel mounts with, or shows it if already mounted.
    screen.action_show_panel(place.panel)
    moves = session.moves
    session.restore_place(place.offset)
    if session.moves != moves:
        screen.show()


def save_reading_state(screen: ReaderScreen) -> None:
    """Remember where this document was left, its panel and the theme (never fails)."""
    from closeread.paths import state_file
    from closeread.state import Place, ReadingState

    session = screen.session
    state = screen.reading_state or ReadingState.load(state_file())
    if not session.loading:  # a big document still loading: nothing read yet
        place = Place(session.cursor[0], screen.current_panel())
        state.remember(session.doc.sha256, place, session.doc.path)
    state.theme = screen.app.theme
    error = state.save()
    if error:
        screen.log.warning(error)
