"""Prints Keras 3's model.summary() for the seed's three styles, the reference for Strata's summary tests.

Run: KERAS_BACKEND=jax venv/bin/python tools/golden/summaries.py
"""
import os
os.environ.setdefault("KERAS_BACKEND", "jax")
import keras

keras.utils.set_random_seed(42)

seq = keras.Sequential([keras.Input((8,)), keras.layers.Dense(30, activation="relu"),
                        keras.layers.Dense(30, activation="relu"), keras.layers.Dense(1)])
seq.summary()

input_wide = keras.Input(shape=[5], name="wide_input")
input_deep = keras.Input(shape=[6], name="deep_input")
hidden1 = keras.layers.Dense(30, activation="relu")(input_deep)
hidden2 = keras.layers.Dense(30, activation="relu")(hidden1)
concat = keras.layers.concatenate([input_wide, hidden2])
output = keras.layers.Dense(1, name="main_output")(concat)
aux_output = keras.layers.Dense(1, name="aux_output")(hidden2)
functional = keras.Model(inputs=[input_wide, input_deep], outputs=[output, aux_output])
functional.summary()
functional.compile(loss=["mse", "mse"], loss_weights=[0.9, 0.1], optimizer=keras.optimizers.SGD(1e-3))
import numpy as np
functional.fit([np.zeros((4, 5)), np.zeros((4, 6))], [np.zeros((4, 1)), np.zeros((4, 1))], verbose=0)
functional.summary()
