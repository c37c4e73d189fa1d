"""The step definitions, one module per thing a step looks at or acts on."""
