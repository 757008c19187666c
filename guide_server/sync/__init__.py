"""The sync protocol's server side: versions, cursors, pull, push."""
