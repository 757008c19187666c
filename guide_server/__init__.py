"""Central server of Guide Workstation: sign-in, sync (pull/push), blobs, admin CLI."""
