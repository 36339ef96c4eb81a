"""Draws the app icons (static/img/icon-*.png) from one SVG with headless Chromium.

Run once after changing the logo: `.venv/bin/python scripts/make_icons.py`; the PNGs
are committed, so the site needs neither this script nor a browser to serve them.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import sync_playwright

IMG = Path(__file__).resolve().parent.parent / "static" / "img"
BLUE = "#1d4e89"


def logo_svg(*, size: int, maskable: bool) -> str:
    # "any" icons: a rounded tile with transparent corners. Maskable: full-bleed
    # colour with the mark inside the central 80 % safe zone.
    tile = (
        f'<rect width="512" height="512" fill="{BLUE}"/>'
        if maskable
        else f'<rect x="16" y="16" width="480" height="480" rx="96" fill="{BLUE}"/>'
    )
    scale = 0.72 if maskable else 1.0
    offset = 256 * (1 - scale)
    return f"""<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}"
      viewBox="0 0 512 512">{tile}
      <g transform="translate({offset} {offset}) scale({scale})">
        <path d="M116 150 h112 a28 28 0 0 1 28 28 v196 a28 28 0 0 0 -28 -28 h-112 z"
              fill="#ffffff"/>
        <path d="M396 150 h-112 a28 28 0 0 0 -28 28 v196 a28 28 0 0 1 28 -28 h112 z"
              fill="#dce8f5"/>
        <text x="256" y="450" text-anchor="middle" fill="#ffffff"
              font-family="DejaVu Sans, sans-serif" font-weight="700" font-size="84">ROS1</text>
      </g></svg>"""


def main() -> None:
    targets = [
        ("icon-192.png", 192, False),
        ("icon-512.png", 512, False),
        ("icon-maskable-512.png", 512, True),
        ("apple-touch-icon-180.png", 180, True),
        ("favicon-32.png", 32, False),
    ]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for name, size, maskable in targets:
            page = browser.new_page(viewport={"width": size, "height": size})
            page.set_content(
                '<html><body style="margin:0;background:transparent">'
                + logo_svg(size=size, maskable=maskable)
                + "</body></html>"
            )
            page.screenshot(path=str(IMG / name), omit_background=True)
            page.close()
            print(f"static/img/{name}")
        browser.close()
    (IMG / "icon.svg").write_text(logo_svg(size=512, maskable=False).strip() + "\n")


if __name__ == "__main__":
    main()
