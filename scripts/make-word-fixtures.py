#!/usr/bin/env python3
"""Writes the Word fixtures of libs/documents from their text twins (python3, standard library only).

- annex-table-tabs.docx: every line a paragraph; the task table's tab-separated lines a real Word table.
- corpus/2025-huoshan-development-zone-key-work-list.docx: the list's title a paragraph, its table (stored one cell
  per line, five cells a row) a real Word table.
- corpus/2012-guangzhou-talent-gathering-opinions.docx: the labels 一、 （一） 1. taken out of the text and
  drawn by Word's automatic numbering (numbering.xml), as offices' files carry them.
Run from the repository root: python3 scripts/make-word-fixtures.py
"""
import re
import zipfile
from xml.sax.saxutils import escape

FIX = 'libs/documents/src/__fixtures__'
W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'

CONTENT_TYPES = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
</Types>'''
RELS = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>'''
DOC_RELS = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
</Relationships>'''


def run(text):
    # Split the text over two runs now and then, as Word does.
    cut = len(text) // 2 if len(text) > 8 else len(text)
    parts = [text[:cut], text[cut:]] if cut < len(text) else [text]
    return ''.join(f'<w:r><w:t xml:space="preserve">{escape(p)}</w:t></w:r>' for p in parts)


def paragraph(text, num=None):
    ppr = f'<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr></w:pPr>' if num else ''
    return f'<w:p>{ppr}{run(text)}</w:p>'


def table(rows):
    out = ['<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr>']
    for cells in rows:
        out.append('<w:tr>' + ''.join(f'<w:tc><w:p>{run(c) if c else ""}</w:p></w:tc>' for c in cells) + '</w:tr>')
    out.append('</w:tbl>')
    return ''.join(out)


def document(body):
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}"><w:body>{body}<w:sectPr/></w:body></w:document>'


def numbering(lists):
    """lists: [(numId, format, lvlText)]; one abstract list each, so every numId counts on its own."""
    abstracts = ''.join(
        f'<w:abstractNum w:abstractNumId="{n}"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{escape(text)}"/></w:lvl></w:abstractNum>' for n, fmt, text in lists)
    nums = ''.join(f'<w:num w:numId="{n}"><w:abstractNumId w:val="{n}"/></w:num>' for n, _, _ in lists)
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering xmlns:w="{W}">{abstracts}{nums}</w:numbering>'


def write(path, body, lists):
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', CONTENT_TYPES)
        z.writestr('_rels/.rels', RELS)
        z.writestr('word/_rels/document.xml.rels', DOC_RELS)
        z.writestr('word/document.xml', document(body))
        z.writestr('word/numbering.xml', numbering(lists))


def annex_table():
    lines = open(f'{FIX}/annex-table-tabs.txt', encoding='utf-8').read().split('\n')
    body, rows = [], []
    for line in lines + ['']:
        if '\t' in line:
            rows.append(line.split('\t'))
            continue
        if rows:
            body.append(table(rows))
            rows = []
        if line.strip():
            body.append(paragraph(line.strip()))
    write(f'{FIX}/annex-table-tabs.docx', ''.join(body), [])


def guangzhou():
    lines = open(f'{FIX}/corpus/2012-guangzhou-talent-gathering-opinions.txt', encoding='utf-8').read().split('\n')
    body, lists = [], [(1, 'chineseCounting', '%1、'), (2, 'decimal', '%1.')]
    section_list = None
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if re.match(r'^[一二三四五六七八九十]+、', line):
            body.append(paragraph(line.split('、', 1)[1], 1))
            # The sections of each chapter count from （一） again: a list of their own.
            section_list = 10 + len(lists)
            lists.append((section_list, 'chineseCounting', '（%1）'))
        elif re.match(r'^（[一二三四五六七八九十]+）', line):
            body.append(paragraph(line.split('）', 1)[1], section_list))
        elif re.match(r'^\d+\.', line):
            body.append(paragraph(line.split('.', 1)[1], 2))
        else:
            body.append(paragraph(line))
    write(f'{FIX}/corpus/2012-guangzhou-talent-gathering-opinions.docx', ''.join(body), lists)


def huoshan():
    lines = [l.strip() for l in open(f'{FIX}/corpus/2025-huoshan-development-zone-key-work-list.txt', encoding='utf-8').read().split('\n')]
    title, cells = lines[0], [l.rstrip(' |').strip() for l in lines[1:] if l]
    rows = [cells[i:i + 5] for i in range(0, len(cells), 5)]
    assert all(len(r) == 5 for r in rows), 'the table has five columns'
    write(f'{FIX}/corpus/2025-huoshan-development-zone-key-work-list.docx', paragraph(title) + table(rows), [])


annex_table()
guangzhou()
huoshan()
