"""The seed's Functional Wide & Deep in Keras 3 (JAX) on the same data, split and hyperparameters as
Strata's example, as a reference for its test MSE and fit time.

Run: KERAS_BACKEND=jax venv/bin/python tools/reference/wide_and_deep_keras.py [seed]
"""
import os
import sys
import time

os.environ.setdefault("KERAS_BACKEND", "jax")
import numpy as np
import keras
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

seed = int(sys.argv[1]) if len(sys.argv) > 1 else 42
here = os.path.dirname(os.path.abspath(__file__))
data = np.loadtxt(os.path.join(here, "../../strata-core/src/main/resources/dev/strata/data/california_housing.csv.gz"),
                  delimiter=",", skiprows=1)
X, y = data[:, :8], data[:, 8:]
split_seed = int(sys.argv[2]) if len(sys.argv) > 2 else 42
X_train_full, X_test, y_train_full, y_test = train_test_split(X, y, random_state=split_seed)
X_train, X_valid, y_train, y_valid = train_test_split(X_train_full, y_train_full, random_state=split_seed)
scaler = StandardScaler()
X_train = scaler.fit_transform(X_train)
X_valid = scaler.transform(X_valid)
X_test = scaler.transform(X_test)

keras.utils.set_random_seed(seed)
input_A = keras.Input(shape=[5], name="wide_input")
input_B = keras.Input(shape=[6], name="deep_input")
hidden1 = keras.layers.Dense(30, activation="relu")(input_B)
hidden2 = keras.layers.Dense(30, activation="relu")(hidden1)
concat = keras.layers.concatenate([input_A, hidden2])
output = keras.layers.Dense(1, name="main_output")(concat)
aux_output = keras.layers.Dense(1, name="aux_output")(hidden2)
model = keras.Model(inputs=[input_A, input_B], outputs=[output, aux_output])
model.compile(loss=["mse", "mse"], loss_weights=[0.9, 0.1], optimizer=keras.optimizers.SGD(learning_rate=1e-3))
A = lambda x: (x[:, :5], x[:, 2:])
start = time.time()
model.fit(A(X_train), [y_train, y_train], epochs=20, validation_data=(A(X_valid), [y_valid, y_valid]), verbose=2)
fit_seconds = time.time() - start
scores = model.evaluate(A(X_test), [y_test, y_test], verbose=0, return_dict=True)
print(f"RESULT style=functional-keras test_main_mse={scores['main_output_loss']:.4f} fit_seconds={fit_seconds:.2f}")
