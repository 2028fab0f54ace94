import boto3


class GlossaryManager:
    def __init__(self):
        self.client = boto3.client("translate")

    def load_glossary(self, name: str, path: str) -> str:
        with open(path, "rb") as f:
            data = f.read()
        return self.store(name, data)

    def store(self, name: str, data: bytes) -> str:
        return self.client.import_terminology(Name=name, MergeStrategy="OVERWRITE",
                                              TerminologyData={"File": data, "Format": "CSV"})["TerminologyProperties"]["Arn"]
