"""The record model: the one declaration of documents, decisions and meetings and their fields
(model), the field catalogue, record building and example records read from it (fields), and
records.schema.json generated from it (schema; `python -m govlint.engine.records.schema`).

In: nothing (it is the vocabulary the other stages share). Out: the record types, `to_dict`,
the field catalogue. May import: the standard library only; no other stage.
"""
