#!/usr/bin/env python3
# tests/data/bad/make-corpus.py: writes the bad-input corpus of this folder.
#
# The files are committed; this script says how each was made and can make them again
# (it needs ogr2ogr for the shapefiles and GeoPackages).  Cases that would be big (10⁶
# tiny polygons) are not here: tests/cli/test-bad-input.c generates them at run time.
# What each case must give is in MANIFEST.ini.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import random
import shutil
import sqlite3
import subprocess
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))

# The base: 4 × 4 squares of 500 m in RD New from (155000, 463000), 1,000 inhabitants each;
# base/plan.csv puts the west half in "West" and the east half in "Oost".  Cases that break
# single units break units 13 and 14 (the middle of the top row), so that the rest can be
# checked with base/plan-without-13-14.csv.
X0, Y0, SIZE, COLS, ROWS = 155000.0, 463000.0, 500.0, 4, 4
RD_CRS = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}}


def code(i):
    return "BU0345%04d" % i


def square(c, r):
    x0, y0 = X0 + c * SIZE, Y0 + r * SIZE
    x1, y1 = x0 + SIZE, y0 + SIZE
    return [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]


def grid_features(props=None, geom=None):
    """The base grid as GeoJSON features; props(i) and geom(i, c, r) may change a unit."""
    feats = []
    for r in range(ROWS):
        for c in range(COLS):
            i = r * COLS + c
            p = {"BU_CODE": code(i), "BU_NAAM": "Buurt %d" % i, "GM_CODE": "GM0345",
                 "AANT_INW": 1000}
            if props:
                p = props(i, p)
            g = {"type": "Polygon", "coordinates": square(c, r)}
            if geom:
                g = geom(i, c, r, g)
            feats.append({"type": "Feature", "properties": p, "geometry": g})
    return feats


def collection(feats, crs=RD_CRS):
    fc = {"type": "FeatureCollection"}
    if crs is not None:
        fc["crs"] = crs
    fc["features"] = feats
    return fc


def write(name, data, mode="w", encoding="utf-8"):
    path = os.path.join(HERE, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if isinstance(data, (bytes, bytearray)):
        with open(path, "wb") as f:
            f.write(data)
    else:
        with open(path, mode, encoding=encoding, newline="") as f:
            f.write(data)


def write_json(name, obj):
    write(name, json.dumps(obj, separators=(",", ":")) + "\n")


def wkt(ring):
    return "POLYGON ((" + ", ".join("%.1f %.1f" % (x, y) for x, y in ring) + "))"


def random_bytes(seed, n):
    rnd = random.Random(seed)
    return bytes(rnd.randrange(256) for _ in range(n))


def ogr2ogr(*args):
    # Small SQLite pages keep the GeoPackages small.
    subprocess.run(["ogr2ogr", "-q", "--config", "OGR_SQLITE_PRAGMA", "page_size=1024", *args],
                   check=True)


def base():
    write_json("base/units.geojson", collection(grid_features()))
    rows = ["unit_code,area"]
    for r in range(ROWS):
        for c in range(COLS):
            rows.append("%s,%s" % (code(r * COLS + c), "West" if c < 2 else "Oost"))
    write("base/plan.csv", "\n".join(rows) + "\n")
    write("base/plan-without-13-14.csv",
          "\n".join(r for r in rows if not r.startswith((code(13), code(14)))) + "\n")


def units():
    text = json.dumps(collection(grid_features()), separators=(",", ":"))
    write("units-empty.geojson", "")
    write("units-truncated.geojson", text[: len(text) // 2])
    write("units-garbage.geojson", random_bytes(7, 2048))
    write_json("units-not-geojson.geojson",
               {"name": "buurten", "version": 3, "items": [{"code": code(0), "inwoners": 1000}]})
    write("units-html.geojson",
          "<!DOCTYPE html>\n<html><head><title>504 Gateway Time-out</title></head>\n"
          "<body><h1>504 Gateway Time-out</h1></body></html>\n")
    write_json("units-no-features.geojson", collection([]))
    write_json("units-points.geojson", collection(
        [{"type": "Feature", "properties": {"BU_CODE": code(i), "AANT_INW": 10},
          "geometry": {"type": "Point", "coordinates": [X0 + 100 * i, Y0 + 100]}}
         for i in range(5)]))
    write_json("units-lines.geojson", collection(
        [{"type": "Feature", "properties": {"BU_CODE": code(i), "AANT_INW": 10},
          "geometry": {"type": "LineString",
                       "coordinates": [[X0 + 100 * i, Y0], [X0 + 100 * i, Y0 + 500]]}}
         for i in range(5)]))

    def drop(key):
        return lambda i, p: {k: v for k, v in p.items() if k != key}
    write_json("units-no-population.geojson", collection(grid_features(drop("AANT_INW"))))
    write_json("units-no-code.geojson", collection(grid_features(
        lambda i, p: {"naam": p["BU_NAAM"], "AANT_INW": 1000})))
    write_json("units-duplicate-codes.geojson", collection(grid_features(
        lambda i, p: dict(p, BU_CODE=code(13)) if i == 14 else p)))
    # Codes in lower case with white space (NBSP too): normalised as the plan's are.
    write_json("units-lowercase-space-codes.geojson", collection(grid_features(
        lambda i, p: dict(p, BU_CODE=" %s\u00a0" % code(i).lower()) if i % 2 else p)))
    # Three billion inhabitants in one buurt: more than the whole country.
    write_json("units-absurd-population.geojson", collection(grid_features(
        lambda i, p: dict(p, AANT_INW=3000000000) if i == 5 else p)))
    # 25 million: fits a 32-bit integer field, and is still more than the whole country.
    write_json("units-population-beyond-country.geojson", collection(grid_features(
        lambda i, p: dict(p, AANT_INW=25000000) if i == 7 else p)))
    # 18.5 million: just above the whole country (18.04 million on 1 January 2025).
    write_json("units-population-just-beyond-country.geojson", collection(grid_features(
        lambda i, p: dict(p, AANT_INW=18500000) if i == 2 else p)))
    write_json("units-population-text.geojson", collection(grid_features(
        lambda i, p: dict(p, AANT_INW="ongeveer duizend"))))
    write_json("units-population-some-text.geojson", collection(grid_features(
        lambda i, p: dict(p, AANT_INW="1.000 (2019)" if i == 3 else str(p["AANT_INW"])))))
    write_json("units-all-negative-cbs.geojson", collection(grid_features(
        lambda i, p: dict(p, AANT_INW=-99999997))))

    def bowtie(i, c, r, g):
        if i != 6:
            return g
        (a, b, cc, d, e), = g["coordinates"]
        return {"type": "Polygon", "coordinates": [[a, cc, b, d, a]]}
    write_json("units-bowtie.geojson", collection(grid_features(geom=bowtie)))

    def unclosed(i, c, r, g):
        if i != 9:
            return g
        return {"type": "Polygon", "coordinates": [g["coordinates"][0][:-1]]}
    write_json("units-unclosed-ring.geojson", collection(grid_features(geom=unclosed)))

    def empty_null(i, c, r, g):
        if i == 14:
            return None
        if i == 13:
            return {"type": "Polygon", "coordinates": []}
        return g
    write_json("units-empty-and-null-geometry.geojson", collection(grid_features(geom=empty_null)))

    def degenerate(i, c, r, g):
        x, y = g["coordinates"][0][0]
        return {"type": "Polygon", "coordinates": [[[x, y], [x + 100, y], [x + 200, y], [x, y]]]}
    write_json("units-all-degenerate.geojson", collection(grid_features(geom=degenerate)))

    # Longitude/latitude near Amersfoort, but labelled RD New; and RD metres labelled WGS84.
    def lonlat(i, c, r, g):
        lon0, lat0 = 5.387 + c * 0.0073, 52.155 + r * 0.0045
        return {"type": "Polygon", "coordinates": [[[lon0, lat0], [lon0 + 0.0073, lat0],
                                                    [lon0 + 0.0073, lat0 + 0.0045],
                                                    [lon0, lat0 + 0.0045], [lon0, lat0]]]}
    write_json("units-lonlat-labelled-rd.geojson", collection(grid_features(geom=lonlat)))
    crs84 = {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}
    write_json("units-rd-labelled-lonlat.geojson", collection(grid_features(), crs=crs84))
    write_json("units-no-crs-abroad.geojson", collection(grid_features(
        geom=lambda i, c, r, g: {"type": "Polygon", "coordinates": [[[2.35 + x / 1e6, 48.85 + y / 1e6]
                                                                      for x, y in g["coordinates"][0]]]}),
        crs=None))
    bogus = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::999999"}}
    write_json("units-unknown-crs.geojson", collection(grid_features(), crs=bogus))

    def huge(i, c, r, g):
        if i in (13, 14):
            g["coordinates"][0][2] = [1e300, 1e300] if i == 13 else [-1e300, 463500.0]
        return g
    write_json("units-huge-coordinate.geojson", collection(grid_features(geom=huge)))

    # JSON has no NaN or Infinity, but json-c (GDAL's parser) and Python write them.
    def nan_inf(i, c, r, g):
        if i == 13:
            g["coordinates"][0][1] = [float("nan"), Y0 + 1500]
        if i == 14:
            g["coordinates"][0][2] = [float("inf"), float("-inf")]
        return g
    write("units-nan-inf.geojson", json.dumps(collection(grid_features(geom=nan_inf)),
                                              separators=(",", ":"), allow_nan=True) + "\n")

    # CSV units (WKT geometry) with ';' and decimal commas, in Windows-1252.
    lines = ["WKT;BU_CODE;BU_NAAM;AANT_INW;P_65_EO_JR"]
    names = ["Café-buurt", "Hoogeveen-Noord ë", "De Ünie", "Sint-Anné"]
    for r in range(ROWS):
        for c in range(COLS):
            i = r * COLS + c
            lines.append('"%s";%s;%s;1000;17,5' % (wkt(square(c, r)[0]), code(i), names[i % 4]))
    write("units-semicolon-cp1252.csv", "\r\n".join(lines) + "\r\n", encoding="cp1252")
    lines = ["WKT,BU_CODE,AANT_INW"]
    for r in range(ROWS):
        for c in range(COLS):
            i = r * COLS + c
            ring = square(c, r)[0]
            if i == 10:
                ring = ring[:-1]          # unclosed in WKT
            if i == 13:
                ring = [[float("nan"), float("nan")]] + ring[1:]
            lines.append('"%s",%s,1000' % (wkt(ring) if i != 14 else "POLYGON EMPTY", code(i)))
    write("units-wkt-unclosed-nan.csv", "\n".join(lines) + "\n")

    write("units-bom.geojson", "\ufeff" + json.dumps(collection(grid_features()),
                                                     separators=(",", ":")) + "\n")

    # Shapefiles: without .prj (usable: RD New from the range) and without .dbf.
    tmp = tempfile.mkdtemp()
    try:
        ogr2ogr("-f", "ESRI Shapefile", os.path.join(tmp, "units.shp"),
                os.path.join(HERE, "base/units.geojson"))
        for sub, skip in (("shp-no-prj", ".prj"), ("shp-no-dbf", ".dbf"), ("shp-no-shx", ".shx")):
            d = os.path.join(HERE, sub)
            shutil.rmtree(d, ignore_errors=True)
            os.makedirs(d)
            for ext in (".shp", ".shx", ".dbf", ".prj"):
                if ext != skip:
                    shutil.copy(os.path.join(tmp, "units" + ext), os.path.join(d, "units" + ext))
        # GeoPackages for the project-file cases: a truncated one, and a foreign one (points).
        gpkg = os.path.join(tmp, "units.gpkg")
        ogr2ogr("-f", "GPKG", gpkg, os.path.join(HERE, "base/units.geojson"))
        with open(gpkg, "rb") as f:
            data = f.read()
        write("project-truncated.wijk.gpkg", data[: len(data) // 3])
        ogr2ogr("-f", "GPKG", os.path.join(tmp, "points.gpkg"),
                os.path.join(HERE, "units-points.geojson"))
        with open(os.path.join(tmp, "points.gpkg"), "rb") as f:
            write("project-foreign-gpkg.wijk.gpkg", f.read())
        # A damaged page in the middle of the feature table: it opens, then fails half-way.
        sample = os.path.join(tmp, "sample.gpkg")
        ogr2ogr("-f", "GPKG", sample, os.path.join(HERE, "../../../data/sample/units.geojson"))
        with open(sample, "rb") as f:
            data = bytearray(f.read())
        data[50 * 1024 + 100: 50 * 1024 + 400] = b"Z" * 300
        write("units-damaged-page.gpkg", bytes(data))
        sq = os.path.join(tmp, "foreign.sqlite")
        con = sqlite3.connect(sq)
        con.execute("CREATE TABLE adressen (id INTEGER PRIMARY KEY, straat TEXT, nummer INTEGER)")
        con.executemany("INSERT INTO adressen (straat, nummer) VALUES (?, ?)",
                        [("Dorpsstraat", n) for n in range(1, 20)])
        con.commit()
        con.close()
        with open(sq, "rb") as f:
            write("project-foreign-sqlite.wijk.gpkg", f.read())
    finally:
        shutil.rmtree(tmp)
    # A GeoPackage header with nothing behind it.
    write("project-header-only.wijk.gpkg", b"SQLite format 3\0" + b"\0" * 84)


def plans():
    write("plan-empty.csv", "")
    write("plan-header-only.csv", "unit_code,area\n")
    write("plan-no-header.csv", "".join("%s,%s\n" % (code(i), "West" if i % 4 < 2 else "Oost")
                                        for i in range(16)))
    write("plan-wrong-columns.csv", "naam,waarde\nWest,1\n")
    rows = ["unit_code,area"] + ["%s,%s" % (code(i), "West" if i % 4 < 2 else "Oost")
                                 for i in range(16)]
    write("plan-unknown-codes.csv", "\n".join(rows + ["BU99990001,West", "BU99990002,Oost"]) + "\n")
    write("plan-all-unknown.csv", "unit_code,area\nBU99990001,West\nBU99990002,Oost\n")
    write("plan-duplicate-codes.csv", "\n".join(rows + [rows[1], rows[2]]) + "\n")
    write("plan-conflict.csv", "\n".join(rows + ["%s,Oost" % code(0)]) + "\n")
    semi = ["unit_code;area"] + ["%s;%s" % (code(i), "Wijk Brié" if i % 4 < 2 else "Oost-Eë")
                                 for i in range(16)]
    write("plan-semicolon-cp1252.csv", "\r\n".join(semi) + "\r\n", encoding="cp1252")
    write("plan-bom.csv", "\ufeff" + "\n".join(rows) + "\n")
    write("plan-utf16.txt", "\r\n".join(r.replace(",", "\t") for r in rows) + "\r\n",
          encoding="utf-16")
    write("plan-binary.csv", random_bytes(11, 512))
    ragged = ["unit_code,area"] + ["%s,%s,extra,%d" % (code(i), "West" if i % 4 < 2 else "Oost", i)
                                   if i % 3 else code(i) for i in range(16)]
    write("plan-ragged.csv", "\n".join(ragged) + "\n")
    write("plan-tab.tsv", "\n".join(r.replace(",", "\t") for r in rows) + "\n")
    # Codes with white space (NBSP too) and in lower case match their units.
    write("plan-codes-space-lowercase.csv", "\n".join(
        ["unit_code,area"] + ["%s,%s" % (" " + code(i).lower() + "\u00a0" if i % 3 == 0 else code(i),
                                         "West" if i % 4 < 2 else "Oost") for i in range(16)]) + "\n")
    # “West\u00a0” and “ West  ” are West; “oost” is kept apart from Oost, with a warning.
    names = {1: "West\u00a0", 4: " West  ", 15: "oost"}
    write("plan-area-names-space-case.csv", "\n".join(
        ["unit_code,area"] + ["%s,%s" % (code(i), names.get(i, "West" if i % 4 < 2 else "Oost"))
                              for i in range(16)]) + "\n")


def profiles():
    write("profile-wrong-type.ini", "[population]\nmin=veel\n")
    write("profile-out-of-range.ini", "[population]\nmax=-5\n")
    write("profile-min-above-max.ini", "[population]\nmin=20000\nmax=10000\n")
    write("profile-not-whole.ini", "[population]\nmin=5000.5\n")
    write("profile-bad-boolean.ini", "[contiguity]\nenabled=misschien\n")
    write("profile-bad-severity.ini", "[coverage]\nseverity=fatal\n")
    write("profile-nan.ini", "[distance]\nmax_gp_km=nan\n")
    write("profile-not-ini.ini", "Dit is geen profiel maar een brief.\nGroeten!\n")
    write("profile-binary.ini", random_bytes(13, 300))
    write("profile-empty.ini", "")
    write("profile-unknown-key.ini", "[population]\nminimum=3000\n")
    write("profile-dutch-thousands.ini", "[population]\nmin=5.000\nmax=30.000\n")
    write("profile-unknown-section.ini", "[populatie]\nmin=3000\n")
    # More Dutch numbers (issue 18): a decimal comma, a space between thousands, and a
    # comma before three digits, which may be either.
    write("profile-decimal-comma.ini", "[distance]\nmax_gp_km=4,5\n")
    write("profile-space-thousands.ini", "[population]\nmin=5 000\n")
    write("profile-comma-thousands.ini", "[distance]\nmax_pharmacy_km=4,500\n")
    write("profile-bom-crlf.ini", "\ufeff[population]\r\nmin=4000\r\n[contiguity]\r\n"
          "enabled=true\r\nseverity=warning\r\n")


def providers():
    write("gp-semicolon-decimal-comma.csv",
          "naam;x;y;fte\r\nPraktijk West;155500,5;464000,25;2,5\r\nPraktijk Oost;156500,0;464000,0;3\r\n")
    write("gp-cp1252-lonlat.csv",
          "naam,lon,lat\nHuisartsen Café,5.3926,52.1631\nPraktijk Brüggen,5.4066,52.1631\n",
          encoding="cp1252")
    write("gp-bom-lon-first.csv",
          "\ufefflon,lat,naam\n5.3926,52.1631,West\n5.4066,52.1631,Oost\n")
    write("gp-no-coordinates.csv", "naam,adres\nPraktijk West,Dorpsstraat 1\n")
    write("gp-some-text-coordinates.csv",
          "naam,x,y\nPraktijk West,155500,464000\nPraktijk Oost,156500,464000\nNieuw,onbekend,?\n")
    write("gp-outside-nl.csv", "naam,lon,lat\nParijs,2.35,48.85\nBerlijn,13.40,52.52\n")
    write("gp-empty.csv", "")
    write_json("networks-points.geojson", collection(
        [{"type": "Feature", "properties": {"naam": "Team"},
          "geometry": {"type": "Point", "coordinates": [X0 + 100, Y0 + 100]}}]))
    write_json("boundary-no-features.geojson", collection([]))


def round_two():
    """Issue 18, round two: miscounted, refused or misnamed without a word."""
    with open(os.path.join(HERE, "base/plan.csv")) as f:
        rows = f.read().splitlines()
    write("base/plan-without-14-15.csv",
          "\n".join(r for r in rows if not r.startswith((code(14), code(15)))) + "\n")
    # Unit 13 has no area (its ring goes there and back) but 1,000 inhabitants.
    def flat(i, c, r, g):
        if i != 13:
            return g
        x0, y0 = X0 + c * SIZE, Y0 + r * SIZE
        return {"type": "Polygon",
                "coordinates": [[[x0, y0], [x0 + SIZE, y0], [x0, y0]]]}
    write_json("units-zero-area.geojson", collection(grid_features(geom=flat)))
    # Unit 14 has the outline of unit 13, under its own code.
    write_json("units-identical-geometry.geojson", collection(grid_features(
        geom=lambda i, c, r, g: {"type": "Polygon", "coordinates": square(1, 3)}
        if i == 14 else g)))
    # Unit 5 has a hole 10 km away from its shell: repairing it may not add that hole's area.
    def stray(i, c, r, g):
        if i != 5:
            return g
        x0, y0 = X0 + 10000, Y0 + 10000
        hole = [[x0, y0], [x0, y0 + 400], [x0 + 400, y0 + 400], [x0 + 400, y0], [x0, y0]]
        return {"type": "Polygon", "coordinates": square(c, r) + [hole]}
    write_json("units-stray-hole.geojson", collection(grid_features(geom=stray)))
    # Units 5 and 6 as GeometryCollections of polygons (one; two halves): polygons.
    def gc(i, c, r, g):
        if i == 5:
            return {"type": "GeometryCollection", "geometries": [g]}
        if i == 6:
            x0, y0 = X0 + c * SIZE, Y0 + r * SIZE
            h = SIZE / 2
            left = [[x0, y0], [x0 + h, y0], [x0 + h, y0 + SIZE], [x0, y0 + SIZE], [x0, y0]]
            right = [[x0 + h, y0], [x0 + SIZE, y0], [x0 + SIZE, y0 + SIZE], [x0 + h, y0 + SIZE],
                     [x0 + h, y0]]
            return {"type": "GeometryCollection",
                    "geometries": [{"type": "Polygon", "coordinates": [left]},
                                   {"type": "Polygon", "coordinates": [right]}]}
        return g
    write_json("units-geometrycollection.geojson", collection(grid_features(geom=gc)))

    # GP practices in RD without a coordinate system, three rows bad: loaded without them.
    write("gp-bad-rows.csv",
          "naam,x,y\nPraktijk West,155500,464000\nOmgedraaid,464000,155500\nNul,0,0\n"
          "Parijs,652000,-120000\nPraktijk Oost,156500,464000\nPraktijk Noord,155600,464900\n")

    tmp = tempfile.mkdtemp()
    try:
        ogr2ogr("-f", "ESRI Shapefile", os.path.join(tmp, "units.shp"),
                os.path.join(HERE, "base/units.geojson"))
        # A .dbf with 14 records for 16 shapes: units 14 and 15 have no attributes.
        d = os.path.join(HERE, "shp-dbf-short")
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        for ext in (".shp", ".shx", ".prj"):
            shutil.copy(os.path.join(tmp, "units" + ext), os.path.join(d, "units" + ext))
        with open(os.path.join(tmp, "units.dbf"), "rb") as f:
            dbf = bytearray(f.read())
        header = int.from_bytes(dbf[8:10], "little")
        record = int.from_bytes(dbf[10:12], "little")
        dbf[4:8] = (14).to_bytes(4, "little")
        with open(os.path.join(d, "units.dbf"), "wb") as f:
            f.write(bytes(dbf[: header + 14 * record]) + b"\x1a")
        # A zipped shapefile without its .dbf (GDAL reads *.shp.zip as a shapefile).
        with zipfile.ZipFile(os.path.join(HERE, "units-no-dbf.shp.zip"), "w") as z:
            for ext in (".shp", ".shx", ".prj"):
                z.write(os.path.join(tmp, "units" + ext), "units" + ext)
        # Two polygon layers: the first ("wijken") without codes, the second with them.
        two = os.path.join(tmp, "two.gpkg")
        ogr2ogr("-f", "GPKG", two, os.path.join(HERE, "base/units.geojson"), "-nln", "wijken",
                "-sql", "SELECT BU_NAAM AS naam, AANT_INW FROM units")
        ogr2ogr("-update", two, os.path.join(HERE, "base/units.geojson"), "-nln", "buurten")
        shutil.copy(two, os.path.join(HERE, "units-two-layers.gpkg"))
    finally:
        shutil.rmtree(tmp)


def zips():
    """Issue 18: a plain .zip (not named .shp.zip) is looked into."""
    tmp = tempfile.mkdtemp()
    try:
        ogr2ogr("-f", "ESRI Shapefile", os.path.join(tmp, "buurten.shp"),
                os.path.join(HERE, "base/units.geojson"))
        ogr2ogr("-f", "ESRI Shapefile", os.path.join(tmp, "wijken.shp"),
                os.path.join(HERE, "base/units.geojson"), "-where", "AANT_INW > 0", "-limit", "8")
        ogr2ogr("-f", "ESRI Shapefile", os.path.join(tmp, "gemeente.shp"),
                os.path.join(HERE, "base/units.geojson"), "-dialect", "SQLite", "-sql",
                "SELECT ST_Union(geometry) AS geometry, 'Gemeente' AS naam FROM units")

        def add(z, stem, exts=(".shp", ".shx", ".dbf", ".prj"), folder=""):
            for ext in exts:
                z.write(os.path.join(tmp, stem + ext), folder + stem + ext)
        # A shapefile in a folder of the zip, as downloads often are.
        with zipfile.ZipFile(os.path.join(HERE, "units-zip-plain.zip"), "w") as z:
            add(z, "buurten", folder="buurten/")
        # Two shapefiles: which one is asked, with --layer or “zip/inner.shp”.
        with zipfile.ZipFile(os.path.join(HERE, "units-zip-two-shapefiles.zip"), "w") as z:
            add(z, "buurten")
            add(z, "wijken")
        with zipfile.ZipFile(os.path.join(HERE, "units-zip-no-dbf.zip"), "w") as z:
            add(z, "buurten", exts=(".shp", ".shx", ".prj"))
        with zipfile.ZipFile(os.path.join(HERE, "units-zip-nothing-usable.zip"), "w") as z:
            z.writestr("LEESMIJ.txt", "Buurten 2024, zie de website.\n")
            z.writestr("buurten.pdf", b"%PDF-1.4\n%%EOF\n")
        # The first 400 bytes of a good zip: its local header, no central directory.
        with open(os.path.join(HERE, "units-zip-plain.zip"), "rb") as f:
            write("units-zip-corrupt.zip", f.read()[:400])
        # An error page saved under the name of the download.
        write("units-zip-not-zip.zip", "<html><body>404 Not Found</body></html>\n")
        # GP practices as a CSV, and a boundary as a shapefile, each alone in a zip.
        with zipfile.ZipFile(os.path.join(HERE, "gp-zip-csv.zip"), "w") as z:
            z.writestr("huisartsen.csv", "naam,x,y\nPraktijk West,155500,464000\n"
                       "Praktijk Oost,156500,464000\n")
        with zipfile.ZipFile(os.path.join(HERE, "boundary-zip.zip"), "w") as z:
            add(z, "gemeente")
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    base()
    units()
    plans()
    profiles()
    providers()
    round_two()
    zips()
