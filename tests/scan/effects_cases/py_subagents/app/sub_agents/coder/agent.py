from google.adk.agents import Agent
from google.adk.code_executors import BuiltInCodeExecutor

coder_agent = Agent(name="coder_agent", model="gemini-2.0-flash", code_executor=BuiltInCodeExecutor())
