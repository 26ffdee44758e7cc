"""Developer tooling that is not the shipped app: the demo for screenshots."""
