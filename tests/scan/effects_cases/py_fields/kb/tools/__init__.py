from kb.tools.lookup import ArchiveLookup, ShelfLookup
