#!/usr/bin/env python3
"""Builds a corpus of XLSForms written by others, with pyxform's verdict on each.

1. The markdown forms of pyxform's own test suite (every literal `md=` given to
   assertPyxformXform in tests/*.py) become .xlsx workbooks, cell for cell.
2. Every form of the corpus folder (those, plus any .xlsx/.xls copied in by hand) is
   converted by pyxform (xls2xform --skip_validate --json); its verdict is written to
   verdicts-pyxform.tsv: file, accept|refuse, pyxform's message; the XForm of each accepted
   form goes to .xforms/ so that OdkValidate (JavaRosa, as ODK Validate) can be run on it.

Usage (pyxform needs Python 3.10+ with openpyxl, xlrd and defusedxml, e.g. Debian's
python3-openpyxl, python3-xlrd, python3-defusedxml and python3-lark):
  python3 pyxform_forms.py PYXFORM_CHECKOUT OUT_DIR [--md]
This is a measuring tool (survey/README.md, "Agreement with pyxform"); no form it writes is
committed.
"""
import ast
import os
import sys

import openpyxl


def md_sheets(md):
    sheets, current, header = {}, None, None
    for line in md.strip().splitlines():
        line = line.strip()
        if not line.startswith("|"):
            continue
        cells = [c.strip() for c in line.replace("\\|", "\x00").strip("|").split("|")]
        cells = [c.replace("\x00", "|") for c in cells]
        if cells and cells[0]:
            current = cells[0]
            sheets[current] = []
            continue
        if current is None:
            continue
        sheets[current].append([c if c else None for c in cells[1:]])
    return sheets


def md_forms(pyxform_dir, out_dir):
    n = 0
    expected = []
    tests = os.path.join(pyxform_dir, "tests")
    for root, _, files in os.walk(tests):
        for f in sorted(files):
            if not f.endswith(".py"):
                continue
            path = os.path.join(root, f)
            try:
                tree = ast.parse(open(path, encoding="utf-8").read())
            except SyntaxError:
                continue
            for node in ast.walk(tree):
                if not (isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "assertPyxformXform"):
                    continue
                kw = {k.arg: k.value for k in node.keywords}
                md = kw.get("md")
                if not (isinstance(md, ast.Constant) and isinstance(md.value, str)):
                    continue
                errored = kw.get("errored")
                errored = bool(errored.value) if isinstance(errored, ast.Constant) else False
                sheets = md_sheets(md.value)
                if "survey" not in sheets and len(sheets) != 1:
                    continue
                n += 1
                name = f"md-{os.path.splitext(f)[0]}-{node.lineno}.xlsx"
                wb = openpyxl.Workbook()
                wb.remove(wb.active)
                for sheet, rows in sheets.items():
                    ws = wb.create_sheet(sheet[:31])
                    for r in rows:
                        ws.append(r)
                wb.save(os.path.join(out_dir, name))
                expected.append((name, "refuse" if errored else "accept"))
    with open(os.path.join(out_dir, "expected-by-pyxform-tests.tsv"), "w") as out:
        for name, verdict in expected:
            out.write(f"{name}\t{verdict}\n")
    return n


def pyxform_verdicts(pyxform_dir, out_dir):
    sys.path.insert(0, pyxform_dir)
    from pyxform.xls2xform import xls2xform_convert  # the checkout's pyxform, run in-process

    rows = []
    for root, _, files in os.walk(out_dir):
        for f in sorted(files):
            if not f.lower().endswith((".xlsx", ".xls")) or f.startswith("~$"):
                continue
            path = os.path.join(root, f)
            xforms = os.path.join(out_dir, ".xforms")
            os.makedirs(xforms, exist_ok=True)
            target = os.path.join(xforms, os.path.relpath(path, out_dir).replace("/", "__") + ".xml")
            try:
                xls2xform_convert(path, target, validate=False)
                verdict, message = "accept", ""
            except Exception as e:  # pyxform refuses the form (or crashes on it)
                verdict, message = "refuse", str(e)
            rows.append((os.path.relpath(path, out_dir), verdict, " ".join(message.split())))
    with open(os.path.join(out_dir, "verdicts-pyxform.tsv"), "w") as out:
        for r in rows:
            out.write("\t".join(r) + "\n")
    return len(rows)


if __name__ == "__main__":
    pyxform_dir, out_dir = sys.argv[1], sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    if "--md" in sys.argv:
        print("markdown forms:", md_forms(pyxform_dir, out_dir))
    print("pyxform verdicts:", pyxform_verdicts(pyxform_dir, out_dir))
