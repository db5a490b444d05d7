"""What the window may do to a case after intake: one module per action, found here.

Each action module (``supplement``, ``hand_out``, ``mail``, ``decide_on_spot``, ``note``…)
declares ``ACTION``: a :class:`CaseAction` saying when it applies (the case statuses, plus
any rule on the clerk or the items), the inputs it takes (typed :class:`ActionInput` fields,
from which the UI builds a form when the action has no form of its own), and its effect
(``run``). The UI shows the actions :func:`offered` for a case and carries one out with
:func:`perform`; the CLI and tests call ``run``; neither codes the rules again. Adding an
action is adding one module (see docs/architecture.md).

An action that moves the case's status does so through ``services.cases.apply_transition``;
one that records something without a status move (a note, a rating, an enquiry) appends a
:mod:`note <clerk_app.services.case_actions.note>` instead.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import string
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from typing import Any, Literal

from clerk_app.domain.case import STATUS_LABELS, CaseStatus
from clerk_app.domain.people import Clerk
from clerk_app.domain.text import TextError, TextRule, clean_text
from clerk_app.protocol.records import CaseRecord
from clerk_app.services.context import AppContext


class ActionRefused(ValueError):
    """The action is not allowed; ``str()`` is a message for the clerk."""


# Free text of an action that declares no length: a one-line field, a long text.
DEFAULT_MAX = {"text": 200, "long_text": 1000}
# A lone surrogate from U+DC80 to U+DCFF is how Python hands over an undecodable byte of the command
# line or of a file (``surrogateescape``): name the byte, not the code point.
_UNDECODED = re.compile("[\udc80-\udcff]")


def clean_input(value: object, rule: TextRule, field: str = "") -> str:
    """``value`` through the shared text rules (:func:`~clerk_app.domain.text.clean_text`: trimmed, bounded,
    no control characters, lone surrogates, line separators or bidirectional overrides; one line unless
    ``rule.multiline``; invisible format characters removed or refused); :class:`ActionRefused` naming the field
    (``rule.label``) in Chinese otherwise. Every free text of every action goes through this before
    anything is written."""
    if isinstance(value, str) and len(value) <= rule.max_length * 4 + 1024:
        raw = _UNDECODED.search(value)
        if raw:
            raise ActionRefused(f"{rule.label}含有无法识别的字节 0x{ord(raw.group()) - 0xDC00:02X}（不是有效的 UTF-8 "
                                "文字，请检查终端或文件的编码），请重新输入")
    try:
        return clean_text(value, rule, field)
    except TextError as exc:
        raise ActionRefused(str(exc)) from None


Rule = Callable[[AppContext, CaseRecord, Clerk], str | None]
InputKind = Literal["text", "long_text", "choice", "multi_choice", "date", "bool"]
Choice = tuple[str, str]  # (value passed to ``run``, label shown to the clerk)
ChoicesOf = Callable[[AppContext, CaseRecord], Sequence[Choice]]
KINDS: frozenset[str] = frozenset({"text", "long_text", "choice", "multi_choice", "date", "bool"})
SHORTCUT = re.compile(r"Alt\+[A-Z]")
# ``clerk case`` subcommands that are not actions; an action's command may not take these names.
RESERVED_COMMANDS = frozenset({"show", "list", "do", "actions", "rate", "followups"})


@dataclass(frozen=True)
class ActionInput:
    """One keyword input of an action's ``run``, typed so that a form can be built for it.

    ``choices`` are (value, label) pairs, or a function of (ctx, case) giving them (e.g. the
    case's materials still to be brought). ``default`` is a value, or a function of (ctx, case).
    """

    name: str
    label: str  # Chinese, shown to the clerk
    kind: InputKind = "text"
    required: bool = False
    choices: tuple[Choice, ...] | ChoicesOf = ()
    max_length: int | None = None
    default: Any = None
    hint: str = ""  # a placeholder or explanation, Chinese

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise TypeError(f"input {self.name!r}: kind {self.kind!r} is not one of {sorted(KINDS)}")
        if self.kind in ("choice", "multi_choice") and not self.choices:
            raise TypeError(f"input {self.name!r}: a {self.kind} needs choices")

    def options(self, ctx: AppContext, case: CaseRecord) -> list[Choice]:
        return list(self.choices(ctx, case) if callable(self.choices) else self.choices)

    def initial(self, ctx: AppContext, case: CaseRecord) -> Any:
        return self.default(ctx, case) if callable(self.default) else self.default

    @property
    def text_rule(self) -> TextRule:
        """The text rule of a text input: its label and length; a long text may have line breaks."""
        return TextRule(self.label, self.max_length or DEFAULT_MAX.get(self.kind, 200),
                        multiline=self.kind == "long_text")

    def clean(self, value: object) -> str:
        """A text input's value through :func:`clean_input` (trimmed), or :class:`ActionRefused`."""
        return clean_input(value, self.text_rule, self.name)

    def problem(self, value: Any, options: Sequence[Choice] = ()) -> str | None:
        """What is wrong with ``value`` for this input, for the clerk (None: nothing)."""
        empty = value is None or value is False or (isinstance(value, str | list | tuple) and not
                                                   (value.strip() if isinstance(value, str) else value))
        if empty:
            if not self.required:
                return None
            return f"请{'勾选' if self.kind == 'bool' else '选择' if 'choice' in self.kind else '填写'}“{self.label}”"
        if self.kind in ("text", "long_text"):
            if not isinstance(value, str):
                return f"“{self.label}”应为文字"
            if self.max_length is not None and len(value.strip()) > self.max_length:
                return f"“{self.label}”不能超过{self.max_length}字（现为{len(value.strip())}字）"
            try:
                self.clean(value)
            except ActionRefused as exc:
                return str(exc)
        elif self.kind in ("choice", "multi_choice"):
            allowed = {v for v, _ in options}
            given = [value] if self.kind == "choice" else list(value)
            if any(v not in allowed for v in given):
                return f"“{self.label}”的选项无效"
        elif self.kind == "date" and not isinstance(value, date):
            return f"“{self.label}”应为日期"
        return None


@dataclass(frozen=True)
class CaseAction:
    """One after-intake action: when it applies, what it takes, what it does."""

    name: str
    title: str
    statuses: frozenset[CaseStatus]  # the case statuses it applies in (empty: any)
    inputs: tuple[ActionInput, ...]  # the keyword inputs of ``run`` after (ctx, case_no, clerk)
    run: Callable[..., Any]
    rule: Rule | None = None  # a further condition, e.g. on the clerk or the items
    moves_status: bool = True
    # The key that opens its form in the case view, "Alt+<letter>" (best: the pinyin initial of the
    # title). Empty: the registry gives one (a free letter of ``name``); unique across actions.
    shortcut: str = ""
    # Its ``clerk case <command>`` subcommand. Empty: ``name`` with "-" for "_".
    command: str = ""

    def __post_init__(self) -> None:
        """The declared inputs must be ``run``'s keyword inputs, every required one declared."""
        if self.shortcut and not SHORTCUT.fullmatch(self.shortcut):
            raise TypeError(f"case action {self.name!r}: shortcut {self.shortcut!r} is not Alt+<letter>")
        params = list(inspect.signature(self.run).parameters.values())[3:]  # after (ctx, case_no, clerk)
        names = [i.name for i in self.inputs]
        unknown = set(names) - {p.name for p in params}
        undeclared = {p.name for p in params if p.default is inspect.Parameter.empty} - set(names)
        if unknown or undeclared or len(set(names)) != len(names):
            raise TypeError(f"case action {self.name!r}: inputs {names} do not match {self.run.__name__}() "
                            f"(unknown {sorted(unknown)}, undeclared {sorted(undeclared)})")

    def clean(self, name: str, value: object) -> str:
        """The value of text input ``name`` checked by its declared rule (see :func:`clean_input`), trimmed.

        ``run`` calls it on each free text it takes, so a caller that skips :func:`perform` (a test, another
        service) is held to the same rules as the form and the command line.
        """
        spec = next((i for i in self.inputs if i.name == name), None)
        if spec is None or spec.kind not in ("text", "long_text"):
            raise KeyError(f"case action {self.name!r} has no text input {name!r}")
        return spec.clean(value)

    def clean_texts(self, **values: object) -> dict[str, str]:
        """:meth:`clean` on each given text input, every problem at once (joined by "；")."""
        out: dict[str, str] = {}
        problems = []
        for name, value in values.items():
            try:
                out[name] = self.clean(name, value)
            except ActionRefused as exc:
                problems.append(str(exc))
        if problems:
            raise ActionRefused("；".join(problems))
        return out

    def input_problems(self, ctx: AppContext, case: CaseRecord, values: Mapping[str, Any]) -> list[str]:
        """Every problem of ``values`` against the declared inputs, in their order (Chinese)."""
        found = []
        for i in self.inputs:
            why = i.problem(values.get(i.name), i.options(ctx, case) if "choice" in i.kind else ())
            if why:
                found.append(why)
        return found

    def refusal(self, ctx: AppContext, case: CaseRecord, clerk: Clerk) -> str | None:
        """Why this action does not apply to ``case`` for ``clerk`` (None: it does)."""
        if self.statuses and case.status not in self.statuses:
            return f"办件当前状态为“{STATUS_LABELS[case.status]}”，不能{self.title}"
        return self.rule(ctx, case, clerk) if self.rule else None


@cache
def case_actions() -> dict[str, CaseAction]:
    """Every action of this package's modules, by name, each with its shortcut and command resolved.

    Declared shortcuts and commands must be unique (a clash is refused here, naming both
    actions); an action declaring none gets the first free letter of its name (then of the
    alphabet), in name order, and ``name`` with "-" as its command.
    """
    found: dict[str, CaseAction] = {}
    for info in pkgutil.iter_modules(__path__):
        action = getattr(importlib.import_module(f"{__name__}.{info.name}"), "ACTION", None)
        if action is not None:
            if action.name in found:
                raise RuntimeError(f"case action {action.name!r} declared twice")
            found[action.name] = action
    return _resolve_keys(found)


def _resolve_keys(found: dict[str, CaseAction]) -> dict[str, CaseAction]:
    keys: dict[str, str] = {}
    commands: dict[str, str] = {}
    for a in found.values():
        for taken, value, what in ((keys, a.shortcut, "shortcut"), (commands, a.command, "command")):
            if value and value in taken:
                raise RuntimeError(f"case actions {taken[value]!r} and {a.name!r} declare the same {what} {value!r}")
            if value:
                taken[value] = a.name
        if a.command in RESERVED_COMMANDS:
            raise RuntimeError(f"case action {a.name!r}: command {a.command!r} is a `clerk case` subcommand")
    out = dict(found)
    for name in sorted(found):
        a = found[name]
        key, command = a.shortcut, a.command
        if not key:
            letters = [ch for ch in name.upper() if ch in string.ascii_uppercase] + list(string.ascii_uppercase)
            key = next((f"Alt+{ch}" for ch in letters if f"Alt+{ch}" not in keys), "")
            if key:
                keys[key] = name
        if not command:
            command = name.replace("_", "-")
            if command in commands or command in RESERVED_COMMANDS:
                command = ""  # only through ``clerk case do``
            else:
                commands[command] = name
        if (key, command) != (a.shortcut, a.command):
            out[name] = replace(a, shortcut=key, command=command)
    return out


def offered(ctx: AppContext, case: CaseRecord, clerk: Clerk) -> list[str]:
    """Names of the actions that apply to ``case`` for ``clerk``."""
    return [name for name, a in case_actions().items() if a.refusal(ctx, case, clerk) is None]


def perform(ctx: AppContext, name: str, case_no: str, clerk: Clerk, values: Mapping[str, Any]) -> Any:
    """Carry out action ``name`` on a case with the clerk's ``values``, after its rules and inputs.

    Raises :class:`ActionRefused` (all input problems at once, joined by "；") when it does not
    apply, the clerk may no longer act (account disabled, or no longer standing in for A: see
    ``staff_login.standing_refusal``) or the values are incomplete; otherwise returns what ``run`` returns.
    """
    from clerk_app.services.cases import CaseNotFound, get_case
    from clerk_app.services.staff_login import standing_refusal

    action = case_actions()[name]
    case = get_case(ctx, case_no)
    if not isinstance(case, CaseRecord):
        raise CaseNotFound(case_no)
    # who logged in earlier may have been retired, or no longer be A's B (roster, admin): then not in A's name
    why = standing_refusal(ctx, clerk) or action.refusal(ctx, case, clerk)
    if why:
        raise ActionRefused(why)
    problems = action.input_problems(ctx, case, values)
    if problems:
        raise ActionRefused("；".join(problems))
    declared = {i.name for i in action.inputs}
    return action.run(ctx, case.case_no, clerk, **{k: v for k, v in values.items() if k in declared})
