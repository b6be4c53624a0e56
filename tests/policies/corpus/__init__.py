"""Resources vendors really add, built with the real pulumi_aws / pulumi_gcp classes (so an
input the SDK does not have is a TypeError, not a silent pass), each with the rules it must
break: an empty set for a compliant one. tests/policies/test_corpus.py runs them through the
offline evaluator and the real Analyzer."""
