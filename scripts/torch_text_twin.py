"""The transformer half of scripts/torch_train.py: the twin of `./vgrad train --model transformer` (TextTrainer and
CharTransformer in dev.vgrad.cli), built from the same definitions so that both print comparable per-epoch losses."""
import os

import torch

import safetensors_interop
import torch_epochs

CONTEXT, WIDTH, HEADS, LAYERS = 64, 128, 4, 2
PROMPT, SAMPLE_LENGTH, TEMPERATURE = "And God said", 300, 0.8   # TextTrainer's
TEXT = os.path.join(os.path.dirname(__file__), "..", "src", "main", "resources", "dev", "vgrad", "data", "text",
                    "genesis-kjv.txt")


class CharTransformer(torch.nn.Module):
    def __init__(self, vocabulary):
        super().__init__()
        self.tokens = torch.nn.Embedding(vocabulary, WIDTH)
        self.positions = torch.nn.Embedding(CONTEXT, WIDTH)
        self.layers = torch.nn.ModuleList(
            torch.nn.TransformerEncoderLayer(WIDTH, HEADS, 4 * WIDTH, dropout=0.0) for _ in range(LAYERS))
        self.head = torch.nn.Linear(WIDTH, vocabulary)

    def forward(self, ids):
        t = ids.shape[1]
        x = (self.tokens(ids) + self.positions(torch.arange(t))).transpose(0, 1)
        mask = torch.nn.Transformer.generate_square_subsequent_mask(t)
        for layer in self.layers:
            x = layer(x, src_mask=mask)
        return self.head(x.transpose(0, 1))


def windows(ids, start, end):
    count = (end - start - 1) // CONTEXT
    span = ids[start:start + count * CONTEXT + 1]
    return span[:-1].reshape(count, CONTEXT), span[1:].reshape(count, CONTEXT)


def train(args):
    text = open(TEXT, encoding="utf-8").read()
    vocab = sorted(set(text))
    ids = torch.tensor([vocab.index(c) for c in text])
    split = len(text) * 9 // 10
    xtr, ytr = windows(ids, 0, split)
    xva, yva = windows(ids, split, len(text))
    model = CharTransformer(len(vocab))
    initial, metadata = safetensors_interop.read(args.init)
    model.load_state_dict(initial)
    seed = int(metadata["seed"])   # vgrad's --seed: its loader shuffles with Generator(seed), as this one does
    g = torch.Generator().manual_seed(seed)
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(xtr, ytr), batch_size=args.batch_size,
                                         shuffle=True, generator=g)
    crit = torch.nn.CrossEntropyLoss()

    def loss_of(xb, yb):
        return crit(model(xb).reshape(-1, len(vocab)), yb.reshape(-1))

    for epoch, loss, valid, dt, rate in torch_epochs.run(model, loader, loss_of, args.epochs, args.optimizer,
                                                         lambda: loss_of(xva, yva).item()):
        print("epoch %2d  train loss %.4f  validation loss %.4f  %.2f s (%.0f characters/s)" % (
            epoch, loss, valid, dt, rate))
    print("sample (temperature %s):" % TEMPERATURE)
    print(sample(model, vocab, torch.Generator().manual_seed(seed)))


def sample(model, vocab, g):
    """SAMPLE_LENGTH characters after PROMPT, as vgrad's TextTrainer.sample draws them (one multinomial draw each)."""
    model.eval()
    text = [vocab.index(c) for c in PROMPT]
    with torch.no_grad():
        for _ in range(SAMPLE_LENGTH):
            window = torch.tensor(text[-CONTEXT:]).reshape(1, -1)
            probs = (model(window)[0, -1] / TEMPERATURE).softmax(-1)
            text.append(int(torch.multinomial(probs, 1, generator=g)))
    return "".join(vocab[i] for i in text)
