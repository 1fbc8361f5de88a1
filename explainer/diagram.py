"""Where the parts go: the project's own drawing of a person's back, for the trial and for the permanent implant.

Plain SVG drawn here, no image copied from anywhere. It tells the parts apart by shape and line style,
not colour, so it reads in black and white, and its labels come from the content files in each language.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from explainer.text import t

STAGES = ("trial", "implant")
WIDTH, HEIGHT = 360, 430  # drawn at a phone's width: it never has to shrink there
INK, SKIN, BONE = "#1a1a1a", "#f4f4f4", "#bdbdbd"
FONT = 'font-family="system-ui, sans-serif" font-size="16" fill="#1a1a1a"'
SPINE_X = 180
LEADS_TOP, LEADS_BOTTOM = 150, 222


@dataclass(frozen=True)
class Diagram:
    svg: str
    alt_text: str
    title: str
    legend: tuple[str, ...]  # what each numbered circle points at, in order


def _body() -> str:
    """A person seen from behind: head, neck, shoulders, arms, back, buttocks and the top of the legs."""
    return (
        f'<circle cx="{SPINE_X}" cy="48" r="30" fill="{SKIN}" stroke="{INK}" stroke-width="2"/>'
        f'<path d="M166 76 L166 92 L120 104 Q98 112 92 140 L78 268 Q76 280 86 282 L96 282 L110 170 '
        f"L118 250 Q112 300 116 330 L118 430 L174 430 L180 352 L186 430 L242 430 L244 330 Q248 300 242 250 "
        f'L250 170 L264 282 L274 282 Q284 280 282 268 L268 140 Q262 112 240 104 L194 92 L194 76 Z" '
        f'fill="{SKIN}" stroke="{INK}" stroke-width="2" stroke-linejoin="round"/>'
        f'<path d="M180 330 L180 352" stroke="{INK}" stroke-width="1.5"/>'
    )


def _spine() -> str:
    """The bones of the back, from the neck to the tailbone, as small rounded blocks."""
    blocks = "".join(
        f'<rect x="{SPINE_X - 8}" y="{y}" width="16" height="11" rx="3" fill="{BONE}" stroke="{INK}" stroke-width="1"/>'
        for y in range(92, 322, 14)
    )
    return blocks


def _leads() -> str:
    """Two thin leads in the space over the spinal cord, each with its row of contacts."""
    parts = []
    for x in (SPINE_X - 3, SPINE_X + 3):
        parts.append(f'<path d="M{x} {LEADS_TOP} L{x} {LEADS_BOTTOM}" stroke="{INK}" stroke-width="3"/>')
        parts += [
            f'<rect x="{x - 2.5}" y="{y}" width="5" height="6" fill="#ffffff" stroke="{INK}" stroke-width="1"/>'
            for y in range(LEADS_TOP + 4, LEADS_TOP + 44, 10)
        ]
    return "".join(parts)


def _marker(number: int, x: float, y: float, to: tuple[float, float]) -> str:
    """A numbered circle at (x, y) with a thin line to the part it names; the legend under the drawing says what."""
    return (
        f'<path d="M{x} {y} L{to[0]} {to[1]}" stroke="{INK}" stroke-width="1.5" fill="none"/>'
        f'<circle cx="{to[0]}" cy="{to[1]}" r="2.5" fill="{INK}"/>'
        f'<circle cx="{x}" cy="{y}" r="13" fill="#ffffff" stroke="{INK}" stroke-width="2"/>'
        f'<text x="{x}" y="{y + 6}" text-anchor="middle" {FONT} font-weight="700">{number}</text>'
    )


# (content key, marker position, the point it shows) for each stage, in the legend's order.
PARTS = {
    "trial": [
        ("diagram.leads", (40, 150), (SPINE_X - 4, LEADS_TOP + 24)),
        ("diagram.spine", (40, 300), (SPINE_X - 9, 296)),
        ("diagram.wire_exit", (318, 200), (SPINE_X + 17, 259)),
        ("diagram.outside_battery", (318, 380), (312, 331)),
    ],
    "implant": [
        ("diagram.leads", (40, 150), (SPINE_X - 4, LEADS_TOP + 24)),
        ("diagram.spine", (40, 300), (SPINE_X - 9, 296)),
        ("diagram.extension", (318, 200), (SPINE_X + 10, 262)),
        ("diagram.battery", (318, 380), (228, 318)),
    ],
}


def _trial() -> str:
    """For the trial week: the wire leaves the skin of the back (a dashed line outside) to a battery worn outside."""
    exit_x, exit_y = SPINE_X + 14, 262
    return (
        _leads() + f'<path d="M{SPINE_X + 3} {LEADS_BOTTOM} Q{SPINE_X + 10} 245 {exit_x} {exit_y}" stroke="{INK}" '
        'stroke-width="2" fill="none"/>'
        + f'<circle cx="{exit_x}" cy="{exit_y}" r="4" fill="#ffffff" stroke="{INK}" stroke-width="2"/>'
        + f'<path d="M{exit_x} {exit_y} Q260 262 300 300" stroke="{INK}" stroke-width="2" stroke-dasharray="6 4" '
        'fill="none"/>'
        + f'<rect x="286" y="300" width="44" height="30" rx="5" fill="#ffffff" stroke="{INK}" stroke-width="2.5"/>'
        + f'<path d="M292 308 L324 308 M292 315 L318 315" stroke="{INK}" stroke-width="1.5"/>'
    )


def _implant() -> str:
    """For the permanent implant: everything under the skin, the battery (filled) in the upper buttock."""
    return (
        _leads()
        + f'<path d="M{SPINE_X + 3} {LEADS_BOTTOM} Q{SPINE_X + 8} 270 205 286 Q216 292 220 300" stroke="{INK}" '
        'stroke-width="2" fill="none"/>'
        + f'<rect x="208" y="300" width="30" height="20" rx="7" fill="{INK}" stroke="{INK}" stroke-width="1"/>'
    )


def implant_diagram(stage: str, lang: str) -> Diagram:
    """The drawing for one stage ("trial" or "implant"), its title and its text alternative."""
    if stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r}")
    title = t(lang, f"diagram.{stage}_title")
    alt_text = t(lang, f"diagram.{stage}_alt")
    parts = _trial() if stage == "trial" else _implant()
    markers = "".join(_marker(number, *where, to) for number, (_, where, to) in enumerate(PARTS[stage], 1))
    drawing = _body() + _spine() + parts + markers
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'role="img" aria-label="{html.escape(alt_text, quote=True)}">'
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>{drawing}</svg>'
    )
    legend = tuple(t(lang, key) for key, _, _ in PARTS[stage])
    return Diagram(svg=svg, alt_text=alt_text, title=title, legend=legend)


LIMITS = ("lift", "bend", "reach")  # the limits while the wires settle, one panel each, in the legend's order
LIMITS_WIDTH, LIMITS_HEIGHT = 360, 200
LINE = f'stroke="{INK}" stroke-width="4" stroke-linecap="round" fill="none"'


def _person(x: float, parts: str) -> str:
    """A stick figure in one panel: the parts given (head, back, arms), legs standing on the ground."""
    return parts + f'<path d="M{x} 118 L{x - 14} 184 M{x} 118 L{x + 14} 184" {LINE}/>'


def _lifting(x: float) -> str:
    """Standing, arms down to a big box held at the waist."""
    return _person(
        x,
        f'<circle cx="{x}" cy="44" r="12" fill="#ffffff" stroke="{INK}" stroke-width="3"/>'
        f'<path d="M{x} 56 L{x} 118 M{x} 68 L{x - 20} 106 M{x} 68 L{x + 20} 106" {LINE}/>'
        f'<rect x="{x - 26}" y="104" width="52" height="30" fill="#ffffff" stroke="{INK}" stroke-width="3"/>'
        f'<path d="M{x - 26} 113 L{x + 26} 113" stroke="{INK}" stroke-width="1.5"/>',
    )


def _bending(x: float) -> str:
    """Bent forward at the waist, head low, arms hanging, with an arrow for the twist."""
    return _person(
        x - 12,
        f'<path d="M{x - 12} 118 L{x + 26} 92 M{x + 26} 92 L{x + 26} 136 M{x + 20} 96 L{x + 12} 138" {LINE}/>'
        f'<circle cx="{x + 38}" cy="96" r="12" fill="#ffffff" stroke="{INK}" stroke-width="3"/>'
        f'<path d="M{x - 34} 112 Q{x - 12} 96 {x + 8} 110" stroke="{INK}" stroke-width="2" fill="none"/>'
        f'<path d="M{x + 8} 110 L{x} 102 M{x + 8} 110 L{x - 2} 113" stroke="{INK}" stroke-width="2" fill="none"/>',
    )


def _reaching(x: float) -> str:
    """Standing, both arms stretched up above the head to a shelf."""
    return _person(
        x,
        f'<path d="M{x - 44} 16 L{x + 44} 16" stroke="{INK}" stroke-width="3"/>'
        f'<circle cx="{x}" cy="52" r="12" fill="#ffffff" stroke="{INK}" stroke-width="3"/>'
        f'<path d="M{x} 64 L{x} 118 M{x} 78 L{x - 36} 24 M{x} 78 L{x + 36} 24" {LINE}/>',
    )


def _not_allowed(x: float, y: float) -> str:
    """The sign for "do not": a ring crossed by a slash, in black."""
    return (
        f'<circle cx="{x}" cy="{y}" r="15" fill="#ffffff" stroke="{INK}" stroke-width="4"/>'
        f'<path d="M{x - 10} {y - 10} L{x + 10} {y + 10}" stroke="{INK}" stroke-width="4"/>'
    )


def _framed_panels(section: str, names: tuple[str, ...], width: int, height: int, lang: str, panel) -> Diagram:
    """Numbered panels side by side, each in its rounded frame: panel(number, name, left, panel_width) draws one.

    Its text alternative, title and legend (one line per panel) are the content keys under section."""
    panel_width = width // len(names)
    panels = "".join(
        f'<rect x="{number * panel_width + 3}" y="3" width="{panel_width - 6}" height="{height - 6}" rx="8" '
        f'fill="#ffffff" stroke="{INK}" stroke-width="1.5"/>'
        + panel(number + 1, name, number * panel_width, panel_width)
        for number, name in enumerate(names)
    )
    alt_text = t(lang, f"{section}.alt")
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{html.escape(alt_text, quote=True)}">'
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>{panels}</svg>'
    )
    legend = tuple(t(lang, f"{section}.{name}") for name in names)
    return Diagram(svg=svg, alt_text=alt_text, title=t(lang, f"{section}.heading"), legend=legend)


def limits_diagram(lang: str) -> Diagram:
    """The lifting, bending and reaching limits while the wires settle: three panels, each marked "do not"."""
    drawings = {"lift": _lifting, "bend": _bending, "reach": _reaching}

    def panel(number: int, limit: str, left: float, width: float) -> str:
        return (
            drawings[limit](left + width / 2)
            + f'<path d="M{left + 14} 186 L{left + width - 14} 186" stroke="{INK}" stroke-width="2"/>'
            + _not_allowed(left + width - 24, 158)
            + f'<text x="{left + 20}" y="{LIMITS_HEIGHT - 20}" text-anchor="middle" {FONT} '
            f'font-weight="700">{number}</text>'
        )

    return _framed_panels("limits", LIMITS, LIMITS_WIDTH, LIMITS_HEIGHT, lang, panel)


NEXT_STEPS = ("questions", "talk", "diary")  # what to do next, one panel each, in the legend's order
NEXT_WIDTH, NEXT_HEIGHT = 360, 120  # the take-home summary keeps it at this height on its one page
PICTURE_SCALE = 0.78  # each picture drawn smaller, to leave room for its words under it
LABEL_TOP, LABEL_LINE_HEIGHT = 91, 16  # the panels' words under their pictures, in two lines at most
LABEL_CHARACTERS, LABEL_LINES = 13, 2
THIN = f'stroke="{INK}" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round" fill="none"'


def _questions(x: float) -> str:
    """A sheet of paper with a question mark and lines to write on, and a pencil beside it."""
    return (
        f'<rect x="{x - 34}" y="14" width="50" height="68" rx="3" fill="#ffffff" stroke="{INK}" stroke-width="2.5"/>'
        f'<text x="{x - 9}" y="44" text-anchor="middle" font-family="system-ui, sans-serif" font-size="28" '
        f'font-weight="700" fill="{INK}">?</text>'
        f'<path d="M{x - 26} 56 L{x + 8} 56 M{x - 26} 66 L{x + 8} 66 M{x - 26} 74 L{x - 2} 74" {THIN}/>'
        f'<path d="M{x + 36} 20 L{x + 16} 74 L{x + 14} 82 L{x + 20} 76 L{x + 40} 22 Z" fill="#ffffff" '
        f'stroke="{INK}" stroke-width="2.5" stroke-linejoin="round"/>'
    )


def _talking(x: float) -> str:
    """Two people face each other, a speech bubble between them."""
    people = "".join(
        f'<circle cx="{x + dx}" cy="54" r="10" fill="#ffffff" stroke="{INK}" stroke-width="2.5"/>'
        f'<path d="M{x + dx - 16} 90 Q{x + dx - 16} 68 {x + dx} 68 Q{x + dx + 16} 68 {x + dx + 16} 90" {THIN}/>'
        for dx in (-26, 26)
    )
    bubble = (
        f'<rect x="{x - 20}" y="10" width="40" height="24" rx="8" fill="#ffffff" stroke="{INK}" stroke-width="2.5"/>'
        f'<path d="M{x - 6} 34 L{x - 14} 44 L{x + 4} 34" fill="#ffffff" stroke="{INK}" stroke-width="2.5" '
        'stroke-linejoin="round"/>'
        f'<path d="M{x - 11} 22 L{x - 9} 22 M{x - 1} 22 L{x + 1} 22 M{x + 9} 22 L{x + 11} 22" {THIN}/>'
    )
    return people + bubble


def _diary_week(x: float) -> str:
    """A week's calendar: seven days in a row, each ticked."""
    left, top, day = x - 45, 22, 90 / 7
    cells = "".join(
        f'<path d="M{left + day * number + 3:.1f} 58 L{left + day * number + 6:.1f} 63 '
        f'L{left + day * number + 10:.1f} 52" {THIN}/>'
        for number in range(7)
    )
    columns = "".join(
        f'<path d="M{left + day * number:.1f} 40 L{left + day * number:.1f} 76" stroke="{INK}" stroke-width="1"/>'
        for number in range(1, 7)
    )
    return (
        f'<rect x="{left}" y="{top}" width="90" height="54" rx="3" fill="#ffffff" stroke="{INK}" stroke-width="2.5"/>'
        f'<path d="M{left} 40 L{left + 90} 40" stroke="{INK}" stroke-width="2.5"/>'
        f'<path d="M{left + 20} {top - 6} L{left + 20} {top + 6} M{left + 70} {top - 6} L{left + 70} {top + 6}" '
        f"{THIN}/>" + columns + cells
    )


def _label_lines(number: int, words: str) -> list[str]:
    """A panel's number and its few words, broken into lines that fit the panel's width."""
    lines = [str(number)]
    for word in words.split():
        if len(lines[-1]) + 1 + len(word) > LABEL_CHARACTERS and len(lines) < LABEL_LINES:
            lines.append(word)
        else:
            lines[-1] += f" {word}"
    return lines


def next_steps_diagram(lang: str) -> Diagram:
    """What to do next: write down questions, talk them over, keep the trial week's diary; three numbered panels,
    each with its number and its few words under the picture, so the picture reads on its own."""
    drawings = {"questions": _questions, "talk": _talking, "diary": _diary_week}

    def panel(number: int, step: str, left: float, width: float) -> str:
        lines = _label_lines(number, t(lang, f"next_steps.label_{step}"))
        first, *rest = [html.escape(line) for line in lines]
        first = first.replace(str(number), f'<tspan font-weight="700">{number}</tspan>', 1)
        words = "".join(
            f'<tspan x="{left + width / 2}" dy="{0 if index == 0 else LABEL_LINE_HEIGHT}">{line}</tspan>'
            for index, line in enumerate([first, *rest])
        )
        middle = left + width / 2
        picture = (
            f'<g transform="translate({middle * (1 - PICTURE_SCALE):.1f} 0) scale({PICTURE_SCALE})">'
            f"{drawings[step](middle)}</g>"
        )
        return picture + (
            f'<text y="{LABEL_TOP}" text-anchor="middle" font-family="system-ui, sans-serif" font-size="14" '
            f'fill="{INK}">{words}</text>'
        )

    return _framed_panels("next_steps", NEXT_STEPS, NEXT_WIDTH, NEXT_HEIGHT, lang, panel)
