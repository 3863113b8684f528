"""Reading paper files into lines: finding and decoding input files (txt, md, docx, pdf),
refusing bad ones with a reason, and the layout normalisers (table rows, tick boxes, page
furniture, split words) that leave one cleaned, located `Line` per line of the paper.

In: paths. Out: `Paper` (lines, each with its raw text and location), `UnreadablePaper`.
May import: common, records.
"""
