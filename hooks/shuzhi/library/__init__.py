"""The sample library: typed records (model), loading and validation (load),
and writing sample YAML that tells generated from hand-edited files (store)."""
