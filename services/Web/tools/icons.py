#!/usr/bin/env python3
"""Writes the web app's icons (public/icons/icon-192.png, icon-512.png, maskable-512.png) with the
standard library only: a red field with a white 3x3 grid (网格), the mark of grid-based governance.
Run from services/Web: python3 tools/icons.py. The PNGs are committed; run again only to change them."""
import struct, zlib, os

RED = (0xC8, 0x1E, 0x1E)
WHITE = (0xFF, 0xFF, 0xFF)

def icon(size, padding):
    # The grid fills the square less the padding (a maskable icon keeps its mark in the inner 80 %).
    inner = size - 2 * padding
    line = max(2, size // 32)
    rows = []
    for y in range(size):
        row = bytearray([0])  # filter: none
        for x in range(size):
            gx, gy = x - padding, y - padding
            on_grid = 0 <= gx < inner and 0 <= gy < inner and (
                any(abs(gx - k * (inner - line) // 3) < line for k in range(4)) or
                any(abs(gy - k * (inner - line) // 3) < line for k in range(4)))
            row += bytes(WHITE if on_grid else RED)
        rows.append(bytes(row))
    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', size, size, 8, 2, 0, 0, 0))
            + chunk(b'IDAT', zlib.compress(b''.join(rows), 9)) + chunk(b'IEND', b''))

out = os.path.join(os.path.dirname(__file__), '..', 'public', 'icons')
os.makedirs(out, exist_ok=True)
for name, size, padding in [('icon-192.png', 192, 24), ('icon-512.png', 512, 64), ('maskable-512.png', 512, 104)]:
    with open(os.path.join(out, name), 'wb') as f:
        f.write(icon(size, padding))
