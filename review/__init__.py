"""Network design review documents (ネットワーク設計レビュー資料), generated from the declaration."""
