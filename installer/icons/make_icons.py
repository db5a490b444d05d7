"""Draw the app icon (收 on a blue rounded square) as PNGs and a Windows .ico.

Run once after changing the design: ``.venv/bin/python installer/icons/make_icons.py``;
the outputs are committed so that a build needs nothing but the bundle.
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
FONT = HERE.parents[1] / "resources" / "fonts" / "wqy-microhei.ttc"
SIZES = (16, 32, 48, 64, 128, 256)


def draw(size: int) -> Image.Image:
    big = 1024
    img = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((32, 32, big - 32, big - 32), radius=180, fill=(25, 90, 170, 255))
    d.rounded_rectangle((96, 96, big - 96, big - 96), radius=130, outline=(255, 255, 255, 90), width=14)
    font = ImageFont.truetype(str(FONT), 640, index=0)
    d.text((big / 2, big / 2 + 10), "收", font=font, fill=(255, 255, 255, 255), anchor="mm")
    return img.resize((size, size), Image.LANCZOS)


def main() -> None:
    for s in SIZES:
        draw(s).save(HERE / f"window-clerk-{s}.png", optimize=True)
    draw(256).save(HERE / "window-clerk.ico", sizes=[(s, s) for s in SIZES])


if __name__ == "__main__":
    main()
