"""Issue 17: the quality office's figures (national monitoring indicators), dynamic
management of privileges from outcomes (adjustment proposals), and technical files."""
