"""The answer timer's arithmetic and the ``[keys]`` checks: pure, no app needed."""

from __future__ import annotations

from griller.tui.keys import KEYS, bind, check_keymap
from griller.tui.timing import AnswerTimer, clock_text


def test_think_and_answer_time_exclude_pauses() -> None:
    timer = AnswerTimer()
    timer.start(100.0)
    timer.pause(102.0)
    timer.resume(150.0)  # 48 s paused while thinking
    assert timer.thinking(151.0) == 3.0
    timer.typed(151.0)
    timer.pause(160.0)
    assert timer.answering(170.0) == 9.0  # frozen while paused
    timer.resume(200.0)
    assert timer.as_ms(206.0) == (3000, 15000)


def test_the_nudge_comes_once_and_never_while_paused_or_typing() -> None:
    timer = AnswerTimer()
    timer.start(0.0)
    assert not timer.wants_nudge(4.9, 5.0)
    timer.pause(4.9)
    assert not timer.wants_nudge(60.0, 5.0)
    timer.resume(60.0)
    assert timer.wants_nudge(60.2, 5.0) and not timer.wants_nudge(61.0, 5.0)
    typed = AnswerTimer()
    typed.start(0.0)
    typed.typed(1.0)
    assert not typed.wants_nudge(30.0, 5.0)
    assert clock_text(75.9) == "1:15"


def test_keymap_checks() -> None:
    usable, warnings = check_keymap({"submit": "ctrl+enter, f5", "skip": "", "bogus": "x", "pause": "a,,b"})
    assert usable == {"submit": "ctrl+enter,f5"}
    assert len(warnings) == 3 and "bogus" in warnings[1]


def test_every_binding_has_an_id_and_a_tooltip() -> None:
    for binding_id in KEYS:
        binding = bind(binding_id, "noop")
        assert binding.id == binding_id and binding.tooltip


def test_every_screen_binding_is_remappable() -> None:
    from textual.binding import Binding

    from griller.tui.app import GrillerApp
    from griller.tui.screens import dialogs, help, interview, review, setup, stats, summary

    classes = [GrillerApp, dialogs.ConfirmScreen, dialogs.PauseScreen, help.HelpScreen, interview.InterviewScreen,
               review.ReviewScreen, setup.SetupScreen, stats.StatsScreen, summary.SummaryScreen]
    for cls in classes:
        for binding in cls.BINDINGS:
            assert isinstance(binding, Binding) and binding.id in KEYS and binding.tooltip, (cls, binding)
