"""The rule packs shipped with govlint (*.yaml) and their rule tests (tests/<pack-id>/), as
package data: found with importlib.resources, never imported as code."""
