"""Small widgets the screens compose: the question, the answer timer, the feedback panel."""
