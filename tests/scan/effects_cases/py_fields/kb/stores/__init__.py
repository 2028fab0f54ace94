from kb.stores.archive import Archive, Shelf
