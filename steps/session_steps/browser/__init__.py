"""The browser side: Chromium, the visitors the steps drive, cookies as the browser holds them, failure artifacts."""
