"""One answer per sequence, or one answer per timestep (return_sequences=True)."""

import keras
import numpy as np

keras.utils.set_random_seed(42)

FRAMES, FEATURES, CLASSES = 50, 13, 3  # e.g. a 1-second clip as 50 frames of 13 features
clips = np.random.rand(4, FRAMES, FEATURES).astype("float32")

# Classify the whole clip: only the last output is needed.
clip_classifier = keras.Sequential(
    [
        keras.Input(shape=(FRAMES, FEATURES)),
        keras.layers.LSTM(32),
        keras.layers.Dense(CLASSES, activation="softmax"),
    ]
)
# Label every frame (a stream): keep the output of every timestep.
frame_labeller = keras.Sequential(
    [
        keras.Input(shape=(None, FEATURES)),  # any length: streams are not fixed-size
        keras.layers.LSTM(32, return_sequences=True),
        keras.layers.Dense(CLASSES, activation="softmax"),  # Dense acts on the last axis
    ]
)
print("one label per clip: ", clip_classifier.predict(clips, verbose=0).shape)
print("one label per frame:", frame_labeller.predict(clips, verbose=0).shape)
