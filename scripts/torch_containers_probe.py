#!/usr/bin/env python3
"""What torch 1.13 prints for module containers and lookups (ModuleDict, ParameterList, ParameterDict, non-persistent
buffers, get_submodule / get_parameter / get_buffer and their errors): the expectations ModuleContainersTest holds vgrad
to were copied from this program's output. Run with the Python that has torch:
    /usr/bin/python3 scripts/torch_containers_probe.py
"""
import torch
class M(torch.nn.Module):
    def __init__(s):
        super().__init__()
        s.lin = torch.nn.Linear(2, 2)
        s.register_buffer('pe', torch.ones(3), persistent=False)
        s.register_buffer('rm', torch.zeros(2))
        s.pl = torch.nn.ParameterList([torch.nn.Parameter(torch.ones(1)), torch.nn.Parameter(torch.zeros(2))])
        s.pd = torch.nn.ParameterDict({'b': torch.nn.Parameter(torch.ones(1)), 'a': torch.nn.Parameter(torch.ones(2))})
        s.md = torch.nn.ModuleDict({'z': torch.nn.ReLU(), 'y': torch.nn.Linear(1, 1)})
m = M()
print(list(m.state_dict().keys()))
print([n for n, _ in m.named_buffers()])
print([n for n, _ in m.named_parameters()])
print([n for n, _ in m.named_modules()])
for t in ['lin.x', 'nope', 'lin.weight.x', 'md.y']:
    try: print(t, m.get_submodule(t))
    except Exception as e: print(type(e).__name__, e)
for t in ['lin.weight', 'lin.x', 'rm', 'lin', 'md.y.bias']:
    try: print(t, m.get_parameter(t).shape)
    except Exception as e: print(type(e).__name__, e)
for t in ['rm', 'pe', 'lin.weight', 'x.y']:
    try: print(t, m.get_buffer(t).shape)
    except Exception as e: print(type(e).__name__, e)
print(m.load_state_dict({k: v for k, v in m.state_dict().items()}))
try:
    m.md(torch.ones(1))
except Exception as e: print(type(e).__name__, e)
m.md['z'] = torch.nn.Tanh(); print(list(m.md.keys()), m.md['z'])
print(m.pl)
print(m.pd)
print(m.md)
