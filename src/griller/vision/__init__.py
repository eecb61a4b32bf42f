"""Webcam eye-contact coaching: OpenCV cameras, mediapipe's FaceLandmarker, an off-thread tracking worker.

Nothing here is imported by ``griller --help``; cv2, mediapipe and numpy are imported inside the functions
that need them. Entry points: ``worker.VisionSession`` (live), ``batch.analyse_video`` (review),
``health.checks`` (doctor), ``preview.render`` (mirror check).
"""
