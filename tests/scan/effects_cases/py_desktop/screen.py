import uiautomation as auto


def focus_window(title: str) -> str:
    window = auto.WindowControl(searchDepth=1, Name=title)
    window.SetActive()
    return f"{title} is in front"
