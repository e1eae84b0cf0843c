"""Ask: grounded answers with checked citations. Entry point: ``answer.service.build_assistant``.

Nothing is imported here, so importing the package does no work.
"""
