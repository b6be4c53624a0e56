"""The data path as library functions, for the CLI and for anyone scripting the tool:
load and cross-check stacks (`select`), plan under the mock runtime and judge the policies
(`checks`), build the review content (`review`). scripts/ formats what these return and
exits; it decides nothing."""
