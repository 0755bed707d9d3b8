"""The epoch loop both PyTorch twins of `./vgrad train` run (scripts/torch_train.py, scripts/torch_text_twin.py), as
vgrad's cli.Epoch does: Adam 1e-3 (or SGD 0.05 with momentum 0.9), cosine schedule over the epochs, the loss averaged
per target, then an evaluation without gradients."""
import time

import torch


def run(model, loader, loss_of, epochs, optimizer, evaluate):
    """Trains for `epochs` passes of `loader`; after each, `evaluate()` (in eval mode, no grad) returns the text that
    follows the train loss on the epoch's line (test accuracy, validation loss)."""
    opt = (torch.optim.Adam(model.parameters(), lr=1e-3) if optimizer == "adam"
           else torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9))
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, epochs)
    for epoch in range(1, epochs + 1):
        t0 = time.perf_counter()
        total, seen = 0.0, 0
        model.train()
        for xb, yb in loader:
            loss = loss_of(xb, yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * yb.numel()
            seen += yb.numel()
        dt = time.perf_counter() - t0
        sched.step()
        model.eval()
        with torch.no_grad():
            after = evaluate()
        yield epoch, total / seen, after, dt, seen / dt
