from crewai import Agent

from kb.stores import Archive, Shelf
from kb.tools import ArchiveLookup, ShelfLookup


def librarian(archive: Archive) -> Agent:
    shelf = Shelf()
    return Agent(role="r", goal="g", backstory="b",
                 tools=[ArchiveLookup(store=archive), ShelfLookup(store=shelf)])
