"""A tiny RGB canvas and PNG encoder, so demo images are real files made in code.

No imaging library: rows of a ``bytearray`` filled span by span, compressed
with zlib and wrapped in the PNG chunks (IHDR, IDAT, IEND) by hand.
"""

from __future__ import annotations

import struct
import zlib

Color = tuple[int, int, int]

#: 5×7 glyphs for the few Latin labels the demo cards carry.
_FONT = {
    "0": "01110100011001110101110011000101110",
    "1": "00100011000010000100001000010001110",
    "2": "01110100010000100110010001000011111",
    "3": "11110000010000101110000010000111110",
    "4": "00010001100101010010111110001000010",
    "5": "11111100001111000001000011000101110",
    "6": "00110010001000011110100011000101110",
    "7": "11111000010001000100010000100001000",
    "8": "01110100011000101110100011000101110",
    "9": "01110100011000101111000010001001100",
    ".": "00000000000000000000000000110001100",
    "%": "11000110010001000100010001001100011",
    "-": "00000000000000011111000000000000000",
    " ": "0" * 35,
    "A": "01110100011000111111100011000110001",
    "B": "11110100011000111110100011000111110",
    "C": "01110100011000010000100001000101110",
    "D": "11110100011000110001100011000111110",
    "E": "11111100001000011110100001000011111",
    "F": "11111100001000011110100001000010000",
    "H": "10001100011000111111100011000110001",
    "I": "01110001000010000100001000010001110",
    "L": "10000100001000010000100001000011111",
    "M": "10001110111010110101100011000110001",
    "N": "10001110011010110011100011000110001",
    "O": "01110100011000110001100011000101110",
    "P": "11110100011000111110100001000010000",
    "R": "11110100011000111110101001001010001",
    "S": "01111100001000001110000010000111110",
    "T": "11111001000010000100001000010000100",
    "W": "10001100011000110101101011010101010",
    "U": "10001100011000110001100011000101110",
    "G": "01110100011000010111100011000101111",
    "K": "10001100101010011000101001001010001",
    "V": "10001100011000110001100010101000100",
    "X": "10001100010101000100010101000110001",
    "Y": "10001100010101000100001000010000100",
}


class Canvas:
    """An RGB image held as one ``bytearray``; every drawing call clips to the edges."""

    def __init__(self, width: int, height: int, background: Color) -> None:
        self.width = width
        self.height = height
        self.pixels = bytearray(bytes(background) * (width * height))

    def hspan(self, y: int, x0: int, x1: int, color: Color) -> None:
        """Fill pixels ``x0 <= x < x1`` of row ``y``."""
        if not 0 <= y < self.height:
            return
        x0, x1 = max(0, x0), min(self.width, x1)
        if x1 > x0:
            start = (y * self.width + x0) * 3
            self.pixels[start : start + (x1 - x0) * 3] = bytes(color) * (x1 - x0)

    def rect(self, x: int, y: int, w: int, h: int, color: Color) -> None:
        for row in range(y, y + h):
            self.hspan(row, x, x + w, color)

    def vertical_gradient(self, top: Color, bottom: Color) -> None:
        for row in range(self.height):
            t = row / max(1, self.height - 1)
            color = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
            self.hspan(row, 0, self.width, color)  # type: ignore[arg-type]

    def circle(self, cx: int, cy: int, r: int, color: Color) -> None:
        for dy in range(-r, r + 1):
            half = int((r * r - dy * dy) ** 0.5)
            self.hspan(cy + dy, cx - half, cx + half + 1, color)

    def rounded_rect(self, x: int, y: int, w: int, h: int, r: int, color: Color) -> None:
        r = min(r, w // 2, h // 2)
        for row in range(h):
            inset = 0
            if row < r or row >= h - r:
                dy = r - row - 0.5 if row < r else row - (h - r) + 0.5
                inset = r - int((r * r - dy * dy) ** 0.5)
            self.hspan(y + row, x + inset, x + w - inset, color)

    def text(self, x: int, y: int, label: str, scale: int, color: Color) -> None:
        """Draw ``label`` with the 5×7 font, each dot ``scale`` pixels wide."""
        for i, char in enumerate(label.upper()):
            glyph = _FONT.get(char, _FONT[" "])
            for gy in range(7):
                for gx in range(5):
                    if glyph[gy * 5 + gx] == "1":
                        self.rect(x + (i * 6 + gx) * scale, y + gy * scale, scale, scale, color)

    def text_width(self, label: str, scale: int) -> int:
        return (len(label) * 6 - 1) * scale

    def to_png(self) -> bytes:
        """Encode as an 8-bit RGB PNG (filter 0 on every row)."""
        stride = self.width * 3
        raw = b"".join(
            b"\x00" + bytes(self.pixels[row * stride : (row + 1) * stride])
            for row in range(self.height)
        )
        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0)
        return (
            b"\x89PNG\r\n\x1a\n"
            + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(raw, 9))
            + _chunk(b"IEND", b"")
        )


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) from a PNG's IHDR; raises ``ValueError`` if it is not a PNG."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise ValueError("not a PNG file")
    width, height = struct.unpack(">II", data[16:24])
    return width, height
