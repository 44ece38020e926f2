"""The main job: ingest the configured sources, detect, screen, and write the report."""
