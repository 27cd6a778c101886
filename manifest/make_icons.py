"""Draw the Teams app icons (color.png 192×192, outline.png 32×32).

A development script, not imported by the bot: run it after changing the motif and commit
the PNGs. ``.venv/bin/python manifest/make_icons.py``

The motif is a speech bubble (the bot talks) with a plus/cross (healthcare). Both icons are
drawn at 8× size and scaled down, which is what gives smooth edges without a vector tool.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
SCALE = 8
# A calm blue-green; also the manifest's accentColor so Teams' tile matches the icon.
BACKGROUND = (31, 122, 140, 255)
WHITE = (255, 255, 255, 255)
CLEAR = (255, 255, 255, 0)

Box = tuple[float, float, float, float]


def _bubble(draw: ImageDraw.ImageDraw, body: Box, fill: tuple[int, ...]) -> None:
    """A rounded rectangle with a tail at the lower left: the usual chat-bubble shape."""
    left, top, _right, bottom = body
    height = bottom - top
    draw.rounded_rectangle(body, radius=height * 0.28, fill=fill)
    tail = [
        (left + height * 0.22, bottom - height * 0.1),
        (left + height * 0.12, bottom + height * 0.32),
        (left + height * 0.62, bottom - height * 0.1),
    ]
    draw.polygon(tail, fill=fill)


def _plus(
    draw: ImageDraw.ImageDraw, centre: tuple[float, float], size: float, fill: tuple[int, ...]
) -> None:
    cx, cy = centre
    arm = size / 2
    bar = size * 0.34 / 2
    draw.rectangle((cx - arm, cy - bar, cx + arm, cy + bar), fill=fill)
    draw.rectangle((cx - bar, cy - arm, cx + bar, cy + arm), fill=fill)


def color_icon(size: int = 192) -> Image.Image:
    big = size * SCALE
    image = Image.new("RGBA", (big, big), CLEAR)
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=big * 0.2, fill=BACKGROUND)
    # Teams crops colour icons to a safe area; keep the motif inside the middle ~60 %.
    body: Box = (big * 0.22, big * 0.24, big * 0.78, big * 0.66)
    _bubble(draw, body, WHITE)
    _plus(draw, (big * 0.5, (body[1] + body[3]) / 2), big * 0.24, BACKGROUND)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def outline_icon(size: int = 32) -> Image.Image:
    big = size * SCALE
    mask = Image.new("L", (big, big), 0)
    draw = ImageDraw.Draw(mask)
    body: Box = (big * 0.06, big * 0.1, big * 0.94, big * 0.74)
    _bubble(draw, body, (255,))
    _plus(draw, (big * 0.5, (body[1] + body[3]) / 2), big * 0.38, (0,))
    small = mask.resize((size, size), Image.Resampling.LANCZOS)
    # Teams wants white on transparent only: snap alpha to 0/255 and keep RGB white everywhere,
    # so no validator can find a grey or half-transparent pixel.
    alpha = small.point(lambda value: 255 if value >= 128 else 0)
    image = Image.new("RGBA", (size, size), CLEAR)
    image.putalpha(alpha)
    return image


def main() -> None:
    color_icon().save(HERE / "color.png", optimize=True)
    outline_icon().save(HERE / "outline.png", optimize=True)
    print(f"wrote {HERE / 'color.png'} and {HERE / 'outline.png'}")


if __name__ == "__main__":
    main()
