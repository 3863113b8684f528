"""What every stage may use: YAML read with positions and JSON Schema problems at them
(yaml_positions), where a definition was written (locations), regular expressions from data
compiled only when linear-time safe (patterns), and the typed errors the engine raises (errors).

In: YAML files, pattern text. Out: positioned data and problems, compiled patterns, errors.
May import: the standard library and third-party libraries only; no other stage.
"""
