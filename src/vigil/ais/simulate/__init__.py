"""Scenario simulator: realistic AIS around Korea Bay, the Yellow Sea and the East Sea, with
labelled ship-to-ship transfers, loitering, dark periods, spoofing, identity swaps and DPRK port
calls (``vigil simulate``)."""
