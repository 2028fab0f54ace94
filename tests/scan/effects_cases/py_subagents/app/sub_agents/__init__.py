from .ledger.agent import ledger_agent as writer_agent
from .lookup.agent import lookup_agent
