"""Jobs: long work queued to the Tasks API, with progress users can watch."""
